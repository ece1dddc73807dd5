import type { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = 'record_id, version, action, reason, approver, date, status_before, status_after, at, user_id, snapshot_json';

/**
 * record_versions as an ordinary rowid table. As a WITHOUT ROWID table keyed by (random UUID, version) with
 * ~1 KB snapshots, every new version landed in the middle of the B-tree and split pages: at 100,000 records
 * it took 303 MB for 98 MB of data. Versions are now appended in the order they are written, and a small
 * unique index (record_id, version) finds a record's history.
 */
export class RecordVersionsRowid1763900000005 implements MigrationInterface {
  name = 'RecordVersionsRowid1763900000005';

  async up(q: QueryRunner): Promise<void> {
    await rebuild(q, `seq INTEGER PRIMARY KEY,`, `UNIQUE (record_id, version)`, '');
  }

  async down(q: QueryRunner): Promise<void> {
    await rebuild(q, '', `PRIMARY KEY (record_id, version)`, ' WITHOUT ROWID');
  }
}

async function rebuild(q: QueryRunner, leading: string, key: string, options: string): Promise<void> {
  await q.query(`CREATE TABLE record_versions_rebuilt (
    ${leading}
    record_id TEXT NOT NULL REFERENCES dishonesty_records(id),
    version INTEGER NOT NULL,
    action TEXT NOT NULL,
    reason TEXT,
    approver TEXT,
    date TEXT,
    status_before TEXT,
    status_after TEXT NOT NULL,
    at TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    snapshot_json TEXT NOT NULL,
    ${key}
  )${options}`);
  // In the order they were written, so the history of the ledger stays in one run of pages.
  await q.query(`INSERT INTO record_versions_rebuilt (${COLUMNS}) SELECT ${COLUMNS} FROM record_versions ORDER BY at, record_id, version`);
  await q.query(`DROP TABLE record_versions`);
  await q.query(`ALTER TABLE record_versions_rebuilt RENAME TO record_versions`);
}
