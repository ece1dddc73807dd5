import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sync with the city platform: the workstation's enrolment and cursors, every batch as it was sent (so a
 * lost answer resends the same batch), the upload state of each item, the download staging area and the
 * decisions that met a local change still waiting to upload.
 */
export class Sync1763900000010 implements MigrationInterface {
  name = 'Sync1763900000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    // body_json is the batch exactly as first made: resending it is answered idempotently by the platform.
    await q.query(`CREATE TABLE sync_batches (
      batch_id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      item_count INTEGER NOT NULL,
      body_json TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('open','answered','fault','split')),
      sent_via TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      answered_at TEXT,
      received_at TEXT,
      answer_json TEXT,
      fault_code TEXT,
      fault_message TEXT,
      accepted INTEGER NOT NULL DEFAULT 0,
      duplicate INTEGER NOT NULL DEFAULT 0,
      stale INTEGER NOT NULL DEFAULT 0,
      rejected INTEGER NOT NULL DEFAULT 0
    )`);
    await q.query(`CREATE INDEX sync_batches_state ON sync_batches (state, seq)`);
    // Which batch carries (or superseded) each outbox row; the outbox itself keeps its shape.
    await q.query(`CREATE TABLE outbox_batches (outbox_seq INTEGER PRIMARY KEY, batch_id TEXT NOT NULL)`);
    await q.query(`CREATE INDEX outbox_batches_batch ON outbox_batches (batch_id)`);
    await q.query(`CREATE INDEX outbox_item ON outbox (kind, item_id, state)`);
    await q.query(`CREATE TABLE upload_state (
      kind TEXT NOT NULL,
      item_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      status TEXT NOT NULL,
      batch_id TEXT NOT NULL,
      platform_ref TEXT,
      code TEXT,
      field TEXT,
      message TEXT,
      at TEXT NOT NULL,
      PRIMARY KEY (kind, item_id)
    )`);
    await q.query(`CREATE TABLE sync_incoming (change_id TEXT NOT NULL, n INTEGER PRIMARY KEY, item_json TEXT NOT NULL)`);
    await q.query(`CREATE TABLE sync_conflicts (
      change_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      item_id TEXT NOT NULL,
      status TEXT NOT NULL,
      note TEXT,
      decided_at TEXT NOT NULL,
      local_version INTEGER NOT NULL,
      at TEXT NOT NULL,
      resolved_at TEXT
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['sync_conflicts', 'sync_incoming', 'upload_state', 'outbox_batches', 'sync_batches', 'sync_state']) await q.query(`DROP TABLE ${t}`);
    await q.query(`DROP INDEX outbox_item`);
  }
}
