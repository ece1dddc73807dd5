import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the list's other sort keys (unit, amount, severity), so sorting 100,000 records reads an
 * index in order instead of sorting the whole table. Severity sorts by rank, an indexed expression.
 */
export const SEVERITY_RANK_SQL = `(CASE severity WHEN '一般' THEN 1 WHEN '较重' THEN 2 ELSE 3 END)`;

export class RecordSortIndexes1763900000003 implements MigrationInterface {
  name = 'RecordSortIndexes1763900000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX records_unit_name ON dishonesty_records (unit_name)`);
    await q.query(`CREATE INDEX records_amount ON dishonesty_records (amount_fen)`);
    await q.query(`CREATE INDEX records_severity_rank ON dishonesty_records (${SEVERITY_RANK_SQL})`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['records_unit_name', 'records_amount', 'records_severity_rank']) await q.query(`DROP INDEX ${name}`);
  }
}
