import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Faster records filters at 100,000 records (issue 7's list and search goals):
 * - the unit-name filter searches the DISTINCT unit names (a few thousand) instead of one index row per
 *   record: `record_unit_names` holds each name once, `record_unit_search` (rebuilt) indexes those names,
 *   and the filter becomes `unit_name IN (matching names)`, served by records_unit_name. A name no record
 *   uses any more stays (it matches nothing); the table grows only with names ever typed.
 * - severity and subject type get indexes of their own, so counting one of them reads ~15,000 index
 *   entries instead of scanning the 100,000-entry records_list.
 */
export class RecordFilterIndexes1763900000013 implements MigrationInterface {
  name = 'RecordFilterIndexes1763900000013';

  async up(q: QueryRunner): Promise<void> {
    for (const t of ['record_unit_search_update']) await q.query(`DROP TRIGGER ${t}`);
    // record_search_insert/delete also fed the old per-record unit index: recreate them for record_search alone
    await q.query(`DROP TRIGGER record_search_insert`);
    await q.query(`DROP TRIGGER record_search_delete`);
    await q.query(`DROP TABLE record_unit_search`);

    await q.query(`CREATE TABLE record_unit_names (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE)`);
    await q.query(`CREATE VIRTUAL TABLE record_unit_search USING fts5(
      grams, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1, prefix = '1'
    )`);
    await q.query(`CREATE TRIGGER record_unit_names_insert AFTER INSERT ON record_unit_names BEGIN
      INSERT INTO record_unit_search (rowid, grams) VALUES (new.id, ledger_grams(new.value));
    END`);
    await q.query(`INSERT INTO record_unit_names (value)
      SELECT DISTINCT unit_name FROM dishonesty_records WHERE unit_name IS NOT NULL ORDER BY unit_name`);

    const grams = (row: string) => `ledger_grams(${row}unit_name, ${row}person_name, ${row}doc_number, ${row}doc_name, ${row}facts)`;
    await q.query(`CREATE TRIGGER record_search_insert AFTER INSERT ON dishonesty_records BEGIN
      INSERT INTO record_search (rowid, grams) VALUES (new.seq, ${grams('new.')});
      INSERT OR IGNORE INTO record_unit_names (value) SELECT new.unit_name WHERE new.unit_name IS NOT NULL;
    END`);
    await q.query(`CREATE TRIGGER record_unit_names_update AFTER UPDATE OF unit_name ON dishonesty_records
      WHEN new.unit_name IS NOT NULL BEGIN
      INSERT OR IGNORE INTO record_unit_names (value) VALUES (new.unit_name);
    END`);
    await q.query(`CREATE TRIGGER record_search_delete AFTER DELETE ON dishonesty_records BEGIN
      DELETE FROM record_search WHERE rowid = old.seq;
    END`);

    await q.query(`CREATE INDEX records_unit_name ON dishonesty_records (unit_name)`);
    await q.query(`CREATE INDEX records_severity ON dishonesty_records (severity)`);
    await q.query(`CREATE INDEX records_subject_type ON dishonesty_records (subject_type)`);
    // A ledger that already has planner statistics gets them for the new indexes too (else SQLite guesses).
    const analysed = await q.query(`SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'`);
    if (analysed.length > 0) await q.query(`ANALYZE dishonesty_records`);
  }

  async down(): Promise<void> {
    throw new Error('RecordFilterIndexes1763900000013 cannot be undone: restore the backup taken before the upgrade');
  }
}
