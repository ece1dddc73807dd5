import type { ReadSql, WriteSql } from '../db/database';

/** The workstation's sync settings and progress, kept in `sync_state`. */
export interface SyncState {
  platformUrl: string;
  officeId: string;
  deviceId: string;
  publicKey: string;
  platformPublicKey: string;
  enrolledAt: string;
  /** Platform clock minus ours, learnt from a 401 CLOCK_SKEW. */
  clockOffsetMs: number;
  /** The seq of the next new batch. */
  nextSeq: number;
  /** Where the next download starts (absent: from the feed's start). */
  cursor: string;
  lastSuccessAt: string;
  lastAttemptAt: string;
  /** The fault to report, as JSON {code, message, at}; absent when the last sync went well. */
  fault: string;
  /** A download that needs an administrator's go-ahead, as JSON {count, ledger}. */
  pendingApproval: string;
}

export type SyncKey = keyof SyncState;

export function readState<K extends SyncKey>(sql: ReadSql, key: K): SyncState[K] | null {
  const row = sql.get<{ value: string }>(`SELECT value FROM sync_state WHERE key = ?`, key);
  if (!row) return null;
  return (key === 'clockOffsetMs' || key === 'nextSeq' ? Number(row.value) : row.value) as SyncState[K];
}

export function writeState<K extends SyncKey>(sql: WriteSql, key: K, value: SyncState[K] | null): void {
  if (value === null) sql.run(`DELETE FROM sync_state WHERE key = ?`, key);
  else sql.run(`INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, String(value));
}

export interface SyncFault {
  code: string;
  message: string;
  at: string;
}

export function readFault(sql: ReadSql): SyncFault | null {
  const text = readState(sql, 'fault');
  return text ? (JSON.parse(text) as SyncFault) : null;
}

export function writeFault(sql: WriteSql, fault: SyncFault | null): void {
  writeState(sql, 'fault', fault ? JSON.stringify(fault) : null);
}

export interface Enrolment {
  platformUrl: string;
  officeId: string;
  deviceId: string;
  publicKey: string;
  platformPublicKey: string;
}

/** The enrolment, or null while this workstation is not enrolled. */
export function readEnrolment(sql: ReadSql): Enrolment | null {
  const platformUrl = readState(sql, 'platformUrl');
  const deviceId = readState(sql, 'deviceId');
  if (!platformUrl || !deviceId) return null;
  return {
    platformUrl,
    deviceId,
    officeId: readState(sql, 'officeId') ?? '',
    publicKey: readState(sql, 'publicKey') ?? '',
    platformPublicKey: readState(sql, 'platformPublicKey') ?? '',
  };
}
