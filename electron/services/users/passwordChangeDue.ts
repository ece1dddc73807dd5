import type { ReadSql, WriteSql } from '../../db/database';

/**
 * Users whose password was set by someone else (a new user, a reset) and who must choose their own at the
 * next sign-in. Kept as keys of the `settings` table ('password.changeDue.<user id>' → when it was set), so
 * the users table keeps its shape and every database version since the first holds it.
 */
const PREFIX = 'password.changeDue.';

export function markPasswordChangeDue(sql: WriteSql, userId: string, at: string): void {
  sql.run(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, PREFIX + userId, at);
}

export function clearPasswordChangeDue(sql: WriteSql, userId: string): void {
  sql.run(`DELETE FROM settings WHERE key = ?`, PREFIX + userId);
}

export function passwordChangeDue(sql: ReadSql, userId: string): boolean {
  return sql.get(`SELECT 1 FROM settings WHERE key = ?`, PREFIX + userId) !== undefined;
}

/** Every user whose change is due (for the administrator's list). */
export function usersWithPasswordChangeDue(sql: ReadSql): Set<string> {
  return new Set(sql.all<{ key: string }>(`SELECT key FROM settings WHERE key LIKE 'password.changeDue.%'`).map((r) => r.key.slice(PREFIX.length)));
}
