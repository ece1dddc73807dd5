/**
 * Records written the way versions before migration 0006 stored them (record_versions keyed by record_id,
 * no sort keys, record_attachments), with raw SQL — the upgrade tests fill an older database with what that
 * version wrote, since today's services write today's schema. Frozen like the migrations themselves.
 */
import { randomUUID } from 'node:crypto';
import type { WriteSql } from '../../electron/db/database';
import type { RecordStatus } from '../../shared/domain/dishonesty';
import type { RecordFields } from '../../shared/domain/recordSchema';
import { RecordGenerator } from '../bench/generate';

const FIELD_COLUMNS: Record<keyof RecordFields, string> = {
  subjectType: 'subject_type', unitName: 'unit_name', unitUscc: 'unit_uscc', personName: 'person_name',
  personIdNumber: 'person_id_number', personPosition: 'person_position', situation: 'situation', sector: 'sector',
  clueSource: 'clue_source', facts: 'facts', docName: 'doc_name', docNumber: 'doc_number', recognisedOn: 'recognised_on',
  docAuthority: 'doc_authority', amountFen: 'amount_fen', happenedOn: 'happened_on', severity: 'severity',
};
const FIELDS = Object.keys(FIELD_COLUMNS) as Array<keyof RecordFields>;

export interface LegacyVersion {
  action: string;
  status: RecordStatus;
  at: string;
  reason?: string;
  fields?: Partial<RecordFields>;
}

/** One record with its versions (the last is the record's current state); returns its id. */
export function insertLegacyRecord(sql: WriteSql, userId: string, fields: RecordFields, versions: readonly LegacyVersion[]): string {
  const id = randomUUID();
  let current = { ...fields };
  let previous: RecordStatus | null = null;
  versions.forEach((v, i) => {
    current = { ...current, ...v.fields };
    const snapshot = { ...current, status: v.status, previousStatus: null, locked: v.status !== 'verifying', approvedAt: null };
    if (i === 0) {
      sql.run(
        `INSERT INTO dishonesty_records (id, version, status, previous_status, locked, ${FIELDS.map((f) => FIELD_COLUMNS[f]).join(', ')},
           created_at, created_by, updated_at, updated_by) VALUES (?, 1, ?, NULL, 0, ${FIELDS.map(() => '?').join(', ')}, ?, ?, ?, ?)`,
        id, v.status, ...FIELDS.map((f) => current[f]), v.at, userId, v.at, userId,
      );
    } else {
      sql.run(
        `UPDATE dishonesty_records SET ${FIELDS.map((f) => `${FIELD_COLUMNS[f]} = ?`).join(', ')}, status = ?, locked = ?, version = ?,
           updated_at = ? WHERE id = ?`,
        ...FIELDS.map((f) => current[f]), v.status, v.status === 'verifying' ? 0 : 1, i + 1, v.at, id,
      );
    }
    sql.run(
      `INSERT INTO record_versions (record_id, version, action, reason, approver, date, status_before, status_after, at, user_id, snapshot_json)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?)`,
      id, i + 1, v.action, v.reason ?? null, previous, v.status, v.at, userId, JSON.stringify(snapshot),
    );
    previous = v.status;
  });
  return id;
}

/** `count` generated records of one version each, as the bench's generator makes them. */
export function seedLegacyRecords(sql: WriteSql, userId: string, count: number, seed: number): void {
  const gen = new RecordGenerator(seed);
  for (let i = 0; i < count; i++) {
    const r = gen.next();
    insertLegacyRecord(sql, userId, r.fields, [{ action: 'create', status: r.status, at: r.at }]);
  }
}
