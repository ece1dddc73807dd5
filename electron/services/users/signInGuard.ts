import type { ReadSql, WriteSql } from '../../db/database';
import { AppError, ERROR_CODES } from '../../../shared/contract/errors';

/**
 * Password guessing is slowed, then stopped. Failures are counted per login name — a name that exists or
 * not alike, so the answers never tell which names are real. From the fifth failure in a row each further
 * attempt must wait; from the tenth the name is locked for a while. A right password clears the count;
 * an administrator's password reset clears it too.
 */
export const SIGN_IN_GUARD = {
  slowAfter: 5,
  slowSeconds: 30,
  lockAfter: 10,
  lockMinutes: 15,
} as const;

interface FailureRow {
  failures: number;
  last_failed_at: string;
  locked_until: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The workstation's local time (the clerk's clock), as the message shows it. */
export function localTimeText(instant: Date, withDate: boolean): string {
  const time = `${pad(instant.getHours())}:${pad(instant.getMinutes())}${withDate ? '' : `:${pad(instant.getSeconds())}`}`;
  return withDate ? `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())} ${time}` : time;
}

const lockedError = (until: Date) =>
  new AppError(ERROR_CODES.tooManyAttempts, `密码错误次数过多，账号已锁定至 ${localTimeText(until, true)}，届时可再试；也可请管理员重置密码`, 'password');
const waitError = (until: Date) =>
  new AppError(ERROR_CODES.tooManyAttempts, `密码错误次数过多，请于 ${localTimeText(until, false)} 之后再试`, 'password');

/** The refusal that applies to this name now (before any password is checked), or null. */
export function signInRefusal(sql: ReadSql, username: string, now: Date): AppError | null {
  const row = sql.get<FailureRow>(`SELECT failures, last_failed_at, locked_until FROM sign_in_failures WHERE username = ?`, username);
  if (!row) return null;
  if (row.locked_until && new Date(row.locked_until) > now) return lockedError(new Date(row.locked_until));
  if (row.failures >= SIGN_IN_GUARD.slowAfter && row.failures < SIGN_IN_GUARD.lockAfter) {
    const until = new Date(new Date(row.last_failed_at).getTime() + SIGN_IN_GUARD.slowSeconds * 1000);
    if (until > now) return waitError(until);
  }
  return null;
}

/** Count one more failure; answers the refusal it brings about (a wait or a lock), or null. */
export function recordSignInFailure(sql: WriteSql, username: string, now: Date): { refusal: AppError | null; lockedNow: boolean } {
  const previous = sql.get<FailureRow>(`SELECT failures, last_failed_at, locked_until FROM sign_in_failures WHERE username = ?`, username);
  const failures = (previous?.failures ?? 0) + 1;
  const lockedNow = failures >= SIGN_IN_GUARD.lockAfter;
  const lockedUntil = lockedNow ? new Date(now.getTime() + SIGN_IN_GUARD.lockMinutes * 60_000).toISOString() : null;
  sql.run(
    `INSERT INTO sign_in_failures (username, failures, last_failed_at, locked_until) VALUES (?, ?, ?, ?)
     ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, last_failed_at = excluded.last_failed_at, locked_until = excluded.locked_until`,
    username, failures, now.toISOString(), lockedUntil,
  );
  return { refusal: signInRefusal(sql, username, now), lockedNow };
}

export function clearSignInFailures(sql: WriteSql, username: string): void {
  sql.run(`DELETE FROM sign_in_failures WHERE username = ?`, username);
}

/** Until when a name is locked (for the administrator's user list), or null. */
export function lockedUntil(sql: ReadSql, username: string, now: Date): string | null {
  const row = sql.get<{ locked_until: string | null }>(`SELECT locked_until FROM sign_in_failures WHERE username = ?`, username);
  return row?.locked_until && new Date(row.locked_until) > now ? row.locked_until : null;
}
