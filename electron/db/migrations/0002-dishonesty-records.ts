import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 政务失信记录: the records, their versions, evidence files and the substring search index. */
export class DishonestyRecords1763900000002 implements MigrationInterface {
  name = 'DishonestyRecords1763900000002';

  async up(q: QueryRunner): Promise<void> {
    // seq is the rowid the search index points at; id is the workstation-made UUID the platform knows.
    await q.query(`CREATE TABLE dishonesty_records (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      version INTEGER NOT NULL,
      status TEXT NOT NULL,
      previous_status TEXT,
      locked INTEGER NOT NULL DEFAULT 0,
      subject_type TEXT NOT NULL CHECK (subject_type IN ('unit','person')),
      unit_name TEXT NOT NULL,
      unit_uscc TEXT,
      person_name TEXT,
      person_id_number TEXT,
      person_position TEXT,
      situation TEXT NOT NULL,
      sector TEXT NOT NULL,
      clue_source TEXT NOT NULL,
      facts TEXT NOT NULL,
      doc_name TEXT,
      doc_number TEXT,
      recognised_on TEXT,
      doc_authority TEXT,
      amount_fen INTEGER CHECK (amount_fen IS NULL OR amount_fen >= 0),
      happened_on TEXT NOT NULL,
      severity TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL REFERENCES users(id),
      approved_at TEXT,
      approved_by TEXT REFERENCES users(id)
    )`);
    for (const [name, cols] of [
      ['records_updated', 'updated_at'],
      ['records_status_updated', 'status, updated_at'],
      ['records_happened', 'happened_on'],
      ['records_recognised', 'recognised_on'],
      ['records_unit_uscc', 'unit_uscc, doc_number'],
      ['records_person_id', 'person_id_number, doc_number'],
      ['records_situation', 'situation, updated_at'],
      ['records_sector', 'sector, updated_at'],
    ] as const) {
      await q.query(`CREATE INDEX ${name} ON dishonesty_records (${cols})`);
    }
    await q.query(`CREATE TABLE record_versions (
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
      PRIMARY KEY (record_id, version)
    ) WITHOUT ROWID`);
    await q.query(`CREATE TABLE record_attachments (
      id TEXT PRIMARY KEY,
      record_id TEXT NOT NULL REFERENCES dishonesty_records(id),
      sha256 TEXT NOT NULL,
      file_name TEXT NOT NULL,
      size INTEGER NOT NULL,
      added_at TEXT NOT NULL,
      added_by TEXT NOT NULL REFERENCES users(id)
    )`);
    await q.query(`CREATE INDEX record_attachments_record ON record_attachments (record_id)`);
    // Contentless: the index stores only the character pairs (see shared/domain/searchGrams.ts).
    await q.query(`CREATE VIRTUAL TABLE record_search USING fts5(
      grams, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1
    )`);
    const grams = `ledger_grams(new.unit_name, new.person_name, new.doc_number, new.doc_name, new.facts)`;
    await q.query(`CREATE TRIGGER record_search_insert AFTER INSERT ON dishonesty_records BEGIN
      INSERT INTO record_search (rowid, grams) VALUES (new.seq, ${grams});
    END`);
    await q.query(`CREATE TRIGGER record_search_update
      AFTER UPDATE OF unit_name, person_name, doc_number, doc_name, facts ON dishonesty_records BEGIN
      DELETE FROM record_search WHERE rowid = old.seq;
      INSERT INTO record_search (rowid, grams) VALUES (new.seq, ${grams});
    END`);
    await q.query(`CREATE TRIGGER record_search_delete AFTER DELETE ON dishonesty_records BEGIN
      DELETE FROM record_search WHERE rowid = old.seq;
    END`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['record_search', 'record_attachments', 'record_versions', 'dishonesty_records'])
      await q.query(`DROP TABLE ${t}`);
  }
}
