import type { MigrationInterface, QueryRunner } from 'typeorm';
import { nameSortKey, personSortKey } from '../../../shared/domain/sortKey';

/**
 * The records ledger moved onto the shared ledger building blocks:
 * - record_versions gets the versioned-entity layout every ledger uses (entity_id, and an author that is a
 *   user, the system or the city platform — then user_id is empty);
 * - record_attachments becomes `attachments`, owned by any (entity, entity_id);
 * - pinyin sort keys for the subject's own name and the unit's name (shared/domain/sortKey.ts);
 * - the search index gets a one-character prefix index, and each run of text also indexes its last character
 *   alone, so a one-character term is an index lookup (`"街"*`) too; the unit names get a search index of
 *   their own (record_unit_search), so the unit-name filter reads short doclists instead of scanning rows.
 */
export class LedgerBuildingBlocks1763900000006 implements MigrationInterface {
  name = 'LedgerBuildingBlocks1763900000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE record_versions_rebuilt (
      seq INTEGER PRIMARY KEY,
      entity_id TEXT NOT NULL REFERENCES dishonesty_records(id),
      version INTEGER NOT NULL,
      action TEXT NOT NULL,
      reason TEXT,
      approver TEXT,
      date TEXT,
      status_before TEXT,
      status_after TEXT NOT NULL,
      at TEXT NOT NULL,
      author TEXT NOT NULL DEFAULT 'user' CHECK (author IN ('user','system','platform')),
      user_id TEXT REFERENCES users(id) CHECK ((author = 'user') = (user_id IS NOT NULL)),
      snapshot_json TEXT NOT NULL,
      UNIQUE (entity_id, version)
    )`);
    await q.query(`INSERT INTO record_versions_rebuilt
      (seq, entity_id, version, action, reason, approver, date, status_before, status_after, at, author, user_id, snapshot_json)
      SELECT seq, record_id, version, action, reason, approver, date, status_before, status_after, at, 'user', user_id, snapshot_json
      FROM record_versions ORDER BY seq`);
    await q.query(`DROP TABLE record_versions`);
    await q.query(`ALTER TABLE record_versions_rebuilt RENAME TO record_versions`);

    await q.query(`CREATE TABLE attachments (
      id TEXT PRIMARY KEY,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      file_name TEXT NOT NULL,
      size INTEGER NOT NULL,
      added_at TEXT NOT NULL,
      added_by TEXT NOT NULL REFERENCES users(id)
    )`);
    await q.query(`INSERT INTO attachments (id, entity, entity_id, sha256, file_name, size, added_at, added_by)
      SELECT id, 'dishonesty_record', record_id, sha256, file_name, size, added_at, added_by FROM record_attachments`);
    await q.query(`DROP TABLE record_attachments`);
    await q.query(`CREATE INDEX attachments_owner ON attachments (entity, entity_id, added_at)`);

    await q.query(`ALTER TABLE dishonesty_records ADD COLUMN subject_sort TEXT NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE dishonesty_records ADD COLUMN unit_sort TEXT NOT NULL DEFAULT ''`);
    const rows: Array<{ seq: number; subject_type: string; unit_name: string; person_name: string | null }> = await q.query(
      `SELECT seq, subject_type, unit_name, person_name FROM dishonesty_records`,
    );
    for (const r of rows) {
      const unitKey = nameSortKey(r.unit_name);
      const subjectKey = r.subject_type === 'person' ? personSortKey(r.person_name ?? '') : unitKey;
      await q.query(`UPDATE dishonesty_records SET subject_sort = ?, unit_sort = ? WHERE seq = ?`, [subjectKey, unitKey, r.seq]);
    }
    await q.query(`DROP INDEX records_unit_name`);
    await q.query(`CREATE INDEX records_subject_sort ON dishonesty_records (subject_sort)`);
    await q.query(`CREATE INDEX records_unit_sort ON dishonesty_records (unit_sort)`);

    for (const t of ['record_search_insert', 'record_search_update', 'record_search_delete']) await q.query(`DROP TRIGGER ${t}`);
    await q.query(`DROP TABLE record_search`);
    for (const table of ['record_search', 'record_unit_search']) {
      await q.query(`CREATE VIRTUAL TABLE ${table} USING fts5(
        grams, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1, prefix = '1'
      )`);
    }
    const grams = (row: string) => `ledger_grams(${row}unit_name, ${row}person_name, ${row}doc_number, ${row}doc_name, ${row}facts)`;
    await q.query(`INSERT INTO record_search (rowid, grams) SELECT seq, ${grams('')} FROM dishonesty_records`);
    await q.query(`INSERT INTO record_unit_search (rowid, grams) SELECT seq, ledger_grams(unit_name) FROM dishonesty_records`);
    await q.query(`CREATE TRIGGER record_search_insert AFTER INSERT ON dishonesty_records BEGIN
      INSERT INTO record_search (rowid, grams) VALUES (new.seq, ${grams('new.')});
      INSERT INTO record_unit_search (rowid, grams) VALUES (new.seq, ledger_grams(new.unit_name));
    END`);
    await q.query(`CREATE TRIGGER record_search_update
      AFTER UPDATE OF unit_name, person_name, doc_number, doc_name, facts ON dishonesty_records BEGIN
      DELETE FROM record_search WHERE rowid = old.seq;
      INSERT INTO record_search (rowid, grams) VALUES (new.seq, ${grams('new.')});
    END`);
    await q.query(`CREATE TRIGGER record_unit_search_update AFTER UPDATE OF unit_name ON dishonesty_records BEGIN
      DELETE FROM record_unit_search WHERE rowid = old.seq;
      INSERT INTO record_unit_search (rowid, grams) VALUES (new.seq, ledger_grams(new.unit_name));
    END`);
    await q.query(`CREATE TRIGGER record_search_delete AFTER DELETE ON dishonesty_records BEGIN
      DELETE FROM record_search WHERE rowid = old.seq;
      DELETE FROM record_unit_search WHERE rowid = old.seq;
    END`);
  }

  async down(): Promise<void> {
    throw new Error('LedgerBuildingBlocks1763900000006 cannot be undone: restore the backup taken before the upgrade');
  }
}
