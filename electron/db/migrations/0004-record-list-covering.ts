import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The records list at 100,000 records: a narrow covering index with every filter column, so counts and the
 * choice of a page read index entries instead of ~850-byte rows (SQLite skip-scans it on status when the
 * filter has no status), and the date indexes carry updated_at, the default sort. records_situation and
 * records_sector are covered by records_list and dropped.
 */
export class RecordListCovering1763900000004 implements MigrationInterface {
  name = 'RecordListCovering1763900000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX records_list ON dishonesty_records
      (status, situation, sector, severity, clue_source, subject_type, happened_on, recognised_on, amount_fen, updated_at)`);
    await q.query(`DROP INDEX records_happened`);
    await q.query(`CREATE INDEX records_happened ON dishonesty_records (happened_on, updated_at)`);
    await q.query(`DROP INDEX records_recognised`);
    await q.query(`CREATE INDEX records_recognised ON dishonesty_records (recognised_on, updated_at)`);
    await q.query(`DROP INDEX records_situation`);
    await q.query(`DROP INDEX records_sector`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['records_list', 'records_happened', 'records_recognised']) await q.query(`DROP INDEX ${name}`);
    await q.query(`CREATE INDEX records_happened ON dishonesty_records (happened_on)`);
    await q.query(`CREATE INDEX records_recognised ON dishonesty_records (recognised_on)`);
    await q.query(`CREATE INDEX records_situation ON dishonesty_records (situation, updated_at)`);
    await q.query(`CREATE INDEX records_sector ON dishonesty_records (sector, updated_at)`);
  }
}
