import type { ReadSql } from '../../db/database';
import { requireRow } from '../ledger/versionedEntity';
import { COMMITMENT_VERSIONING } from './commitmentsService';
import { factsFromCommitment } from './commitmentToRecord';

/**
 * The entry point for "draft a 限期整改通知书 from this commitment" (DOMAIN.md §2 and "Rectification
 * notices"): what a notice takes from an overdue commitment — the addressee unit and the facts. The notices
 * ledger (electron/services/notices, which LEDGER_LINKS allows to read this ledger) calls it, drafts the
 * notice, and links it with entityLinks.addLink({kind: 'public_commitment', id}, notice, 'rectification_notice')
 * in the same transaction, as commitmentToRecord.ts does for the record. Nothing here writes.
 */
export interface NoticeSource {
  kind: 'public_commitment';
  id: string;
  /** How the link names the commitment. */
  label: string;
  addresseeUnit: string;
  addresseeUscc: string;
  facts: string;
  /** The overdue commitment's due date (the notice's basis says since when). */
  dueOn: string;
}

export function noticeSourceFromCommitment(sql: ReadSql, id: string): NoticeSource {
  const row = requireRow(sql, COMMITMENT_VERSIONING, id);
  return {
    kind: 'public_commitment', id: row.id, label: `${row.number} ${row.title}`,
    addresseeUnit: row.unit_name, addresseeUscc: row.unit_uscc, facts: factsFromCommitment(row), dueOn: row.due_on,
  };
}
