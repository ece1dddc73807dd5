import { AUDITED_USERS, type AuditedTable } from '../audit/auditedRows';
import { RECORD_AUDITED_TABLE } from '../records/recordAudit';

/**
 * The ledgers this version of the app has, for what looks across all of them (verify-audit today; the
 * workbench and sync later). Only the composition layers (IPC, CLI, harness, main) import the catalog:
 * the building blocks never see a ledger, they are given its declaration.
 */
export const AUDITED_TABLES: readonly AuditedTable[] = [RECORD_AUDITED_TABLE, AUDITED_USERS];
