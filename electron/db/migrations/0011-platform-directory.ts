import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the city publishes for every office: code lists (dictionary) and the directory of government units. */
export class PlatformDirectory1763900000011 implements MigrationInterface {
  name = 'PlatformDirectory1763900000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE platform_dictionaries (
      name TEXT PRIMARY KEY,
      version INTEGER NOT NULL,
      entries_json TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE platform_units (
      uscc TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      unit_type TEXT NOT NULL,
      parent_uscc TEXT,
      updated_at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX platform_units_name ON platform_units (name)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform_units`);
    await q.query(`DROP TABLE platform_dictionaries`);
  }
}
