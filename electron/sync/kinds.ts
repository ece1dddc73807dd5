import type { ReadSql } from '../db/database';
import { applyPlatformDecision, type DecisionOutcome, type PlatformDecision } from '../services/records/platformDecision';
import { applyCommitmentDecision } from '../services/commitments/platformDecision';

/**
 * What the sync client knows per upload kind: how to apply the city's decision on an item of that kind,
 * and how many items of it the ledger holds (for the "more than a tenth" guard on downloads). Uploading
 * needs nothing per kind: the outbox already holds each item as the platform wants it. A ledger that
 * lands later adds one entry here.
 */
export interface ClientKind {
  label: string;
  /** A line that tells the clerk which item this is (subject, document number), or null if it is gone. */
  describe(sql: ReadSql, id: string): string | null;
  applyDecision(sql: ReadSql, at: string, decision: PlatformDecision): DecisionOutcome;
  count(sql: ReadSql): number;
}

export const CLIENT_KINDS: Record<string, ClientKind> = {
  dishonesty_record: {
    label: '政务失信记录',
    describe: (sql, id) => {
      const row = sql.get<{ name: string; doc: string | null }>(
        `SELECT CASE subject_type WHEN 'person' THEN person_name ELSE unit_name END AS name, doc_number AS doc FROM dishonesty_records WHERE id = ?`, id,
      );
      return row ? [row.name, row.doc].filter(Boolean).join(' · ') : null;
    },
    applyDecision: applyPlatformDecision,
    count: (sql) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM dishonesty_records`)!.n,
  },
  investment_promise: {
    label: '招商引资政策承诺',
    describe: (sql, id) => {
      const row = sql.get<{ name: string; no: string; enterprise: string }>(
        `SELECT project_name AS name, agreement_no AS no, enterprise_name AS enterprise FROM promise_projects WHERE id = ?`, id,
      );
      return row ? `${row.name} · ${row.enterprise} · ${row.no}` : null;
    },
    // The platform's decisions concern an item's status; a project's item statuses follow its payments and the
    // office's own decisions (adjustment, dispute), so a city decision on a project is shown, never applied.
    applyDecision: () => 'unknown',
    count: (sql) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM promise_projects`)!.n,
  },
  public_commitment: {
    label: '公开承诺',
    describe: (sql, id) => {
      const row = sql.get<{ unit: string; number: string; title: string }>(`SELECT unit_name AS unit, number, title FROM public_commitments WHERE id = ?`, id);
      return row ? `${row.unit} · ${row.number} ${row.title}` : null;
    },
    applyDecision: applyCommitmentDecision,
    count: (sql) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM public_commitments`)!.n,
  },
};
