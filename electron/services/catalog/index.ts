import { AUDITED_USERS, type AuditedTable } from '../audit/auditedRows';
import type { LedgerImport } from '../excel/importJob';
import { RECORD_IMPORT_LEDGER } from '../records/excel/importRecords';
import { RECORD_AUDITED_TABLE } from '../records/recordAudit';
import { NOTICE_AUDITED_TABLE } from '../notices/noticeAudit';

/**
 * The ledgers this version of the app has, for what looks across all of them (verify-audit today; the
 * workbench and sync later). Only the composition layers (IPC, CLI, harness, main) import the catalog:
 * the building blocks never see a ledger, they are given its declaration.
 */
export const AUDITED_TABLES: readonly AuditedTable[] = [RECORD_AUDITED_TABLE, NOTICE_AUDITED_TABLE, AUDITED_USERS];

/** Every ledger's spreadsheet import, found by name in the import worker thread (excel/importJob.ts). */
export const IMPORT_LEDGERS: readonly LedgerImport[] = [RECORD_IMPORT_LEDGER as LedgerImport];
