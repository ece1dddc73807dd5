import { AUDITED_USERS, type AuditedTable } from '../audit/auditedRows';
import type { LedgerImport } from '../excel/importJob';
import { RECORD_IMPORT_LEDGER } from '../records/excel/importRecords';
import { RECORD_AUDITED_TABLE } from '../records/recordAudit';
import { COMMITMENT_AUDITED_TABLE } from '../commitments/commitmentAudit';
import { COMMITMENT_DATED_LEDGER } from '../commitments/commitmentsService';
import { COMMITMENT_IMPORT_LEDGER } from '../commitments/excel/importCommitments';
import type { DatedLedger } from '../ledger/dueStates';

/**
 * The ledgers this version of the app has, for what looks across all of them (verify-audit today; the
 * workbench and sync later). Only the composition layers (IPC, CLI, harness, main) import the catalog:
 * the building blocks never see a ledger, they are given its declaration.
 */
export const AUDITED_TABLES: readonly AuditedTable[] = [RECORD_AUDITED_TABLE, COMMITMENT_AUDITED_TABLE, AUDITED_USERS];

/** Every ledger's spreadsheet import, found by name in the import worker thread (excel/importJob.ts). */
export const IMPORT_LEDGERS: readonly LedgerImport[] = [RECORD_IMPORT_LEDGER as LedgerImport, COMMITMENT_IMPORT_LEDGER as LedgerImport];

/** The ledgers with states that follow from a date (逾期未兑现): made at start and at every midnight (ledger/dueStates.ts). */
export const DATED_LEDGERS: readonly DatedLedger[] = [COMMITMENT_DATED_LEDGER];
