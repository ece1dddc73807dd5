import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, office settings, the chained audit log, the upload outbox and the clerks' form drafts. */
export class Foundation1763900000001 implements MigrationInterface {
  name = 'Foundation1763900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    await q.query(`CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('clerk','reviewer','admin')),
      password_hash TEXT NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      last_login_at TEXT
    )`);
    // seq is assigned by the writer (last + 1) so that it is part of the hashed content.
    await q.query(`CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      user_id TEXT,
      user_name TEXT,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      action TEXT NOT NULL,
      before_json TEXT,
      after_json TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX audit_log_entity ON audit_log (entity, entity_id)`);
    await q.query(`CREATE INDEX audit_log_at ON audit_log (at)`);
    await q.query(`CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      item_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('upsert','void')),
      updated_at TEXT NOT NULL,
      data_json TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending',
      created_at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX outbox_state ON outbox (state, seq)`);
    await q.query(`CREATE TABLE form_drafts (
      user_id TEXT NOT NULL REFERENCES users(id),
      key TEXT NOT NULL,
      data_json TEXT NOT NULL,
      saved_at TEXT NOT NULL,
      PRIMARY KEY (user_id, key)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['form_drafts', 'outbox', 'audit_log', 'users', 'settings']) await q.query(`DROP TABLE ${t}`);
  }
}
