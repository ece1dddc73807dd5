import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in guard and user administration: a user given a password by someone else (new, or reset by an
 * administrator) must choose their own at the next sign-in; failed sign-ins are counted per login name
 * (known or not, so the answer never tells which names exist) to slow and then lock guessing.
 */
export class UserSignInGuard1763900000012 implements MigrationInterface {
  name = 'UserSignInGuard1763900000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0`);
    await q.query(`CREATE TABLE sign_in_failures (
      username TEXT PRIMARY KEY COLLATE NOCASE,
      failures INTEGER NOT NULL,
      last_failed_at TEXT NOT NULL,
      locked_until TEXT
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_failures`);
    await q.query(`ALTER TABLE users DROP COLUMN must_change_password`);
  }
}
