import { AUDITED_USERS, type AuditedTable } from '../audit/auditedRows';
import type { LedgerImport } from '../excel/importJob';
import type { LedgerExport } from '../excel/exportJob';
import { RECORD_EXPORT_LEDGER } from '../records/excel/exportRecords';
import { PROMISE_EXPORT_LEDGER } from '../promises/excel/exportPromises';
import type { DerivedRunner } from '../ledger/derivedSchedule';
import type { WorkbenchSource } from '../ledger/workbench';
import type { UserDisableGuard } from '../users/usersService';
import { RECORD_IMPORT_LEDGER } from '../records/excel/importRecords';
import { RECORD_AUDITED_TABLE } from '../records/recordAudit';
import { applyPromiseDerivedStates, PROMISE_AUDITED_TABLE, PROMISE_WORKBENCH, promiseDisableGuard, promiseSourceOf } from '../promises';
import type { SourceLookup } from '../ledger/links';
import { PROMISE_IMPORT_LEDGER } from '../promises/excel/importPromises';
import { NOTICE_AUDITED_TABLE } from '../notices/noticeAudit';
import { NOTICE_DERIVED_RUNNER } from '../notices/noticesService';
import { NOTICE_WORKBENCH } from '../notices/noticeWorkbench';
import { COMMITMENT_AUDITED_TABLE } from '../commitments/commitmentAudit';
import { COMMITMENT_DERIVED_RUNNER } from '../commitments/commitmentsService';
import { COMMITMENT_IMPORT_LEDGER } from '../commitments/excel/importCommitments';
import { COMMITMENT_WORKBENCH } from '../commitments/commitmentWorkbench';
import { COMMITMENT_EXPORT_LEDGER } from '../commitments/excel/exportCommitments';

/**
 * The ledgers this version of the app has, for what looks across all of them (verify-audit, the workbench,
 * derived states, the users' disable check). Only the composition layers (IPC, CLI, harness, main) import the
 * catalog: the building blocks never see a ledger, they are given its declaration.
 */
export const AUDITED_TABLES: readonly AuditedTable[] = [RECORD_AUDITED_TABLE, COMMITMENT_AUDITED_TABLE, PROMISE_AUDITED_TABLE, NOTICE_AUDITED_TABLE, AUDITED_USERS];

/** Every ledger's spreadsheet import, found by name in the import worker thread (excel/importJob.ts). */
export const IMPORT_LEDGERS: readonly LedgerImport[] = [
  RECORD_IMPORT_LEDGER as LedgerImport, COMMITMENT_IMPORT_LEDGER as LedgerImport, PROMISE_IMPORT_LEDGER as LedgerImport,
];

/** Every ledger's spreadsheet export, found by name in the export worker thread (excel/exportJob.ts). */
export const EXPORT_LEDGERS: readonly LedgerExport[] = [
  RECORD_EXPORT_LEDGER as LedgerExport, COMMITMENT_EXPORT_LEDGER as LedgerExport, PROMISE_EXPORT_LEDGER as LedgerExport,
];

/** What falls due, per ledger, for the workbench (工作台). */
export const WORKBENCH_SOURCES: readonly WorkbenchSource[] = [COMMITMENT_WORKBENCH, PROMISE_WORKBENCH, NOTICE_WORKBENCH];

/** Date-driven states (逾期未兑现, 逾期), per ledger, made at start and at every midnight (ledger/derivedSchedule.ts). */
export const DERIVED_RUNNERS: readonly DerivedRunner[] = [COMMITMENT_DERIVED_RUNNER, { name: 'promises', run: applyPromiseDerivedStates }, NOTICE_DERIVED_RUNNER];

/** Asked before a user is disabled: open work of theirs in a ledger must be handed over first. */
export const USER_DISABLE_GUARDS: readonly UserDisableGuard[] = [promiseDisableGuard];

/** Where a dishonesty record came from, when another ledger made it in one step (shown on the record's page). */
export const RECORD_SOURCES: readonly SourceLookup[] = [promiseSourceOf];
