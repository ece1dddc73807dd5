import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sign-in guard: failed sign-ins are counted per login name (known or not, so the answer never tells
 * which names exist) to slow and then lock guessing.
 */
export class UserSignInGuard1763900000012 implements MigrationInterface {
  name = 'UserSignInGuard1763900000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sign_in_failures (
      username TEXT PRIMARY KEY COLLATE NOCASE,
      failures INTEGER NOT NULL,
      last_failed_at TEXT NOT NULL,
      locked_until TEXT
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_failures`);
  }
}
