import type { ReadSql } from '../db/database';
import type { AuditVerifyResult } from '../../shared/contract/admin';
import { AppError } from '../../shared/contract/errors';
import type { ServiceDeps } from '../services/context';
import type { DeviceKeyStore } from './deviceKey';
import { jsonOf, type RetryPolicy } from './http';
import { PlatformConnection } from './connection';

/** One head of this workstation's audit chain as the city platform kept it (it came with a batch). */
export interface KeptHead {
  seq: number;
  hash: string;
  batchId: string;
  receivedAt: string;
}

type Problem = AuditVerifyResult['problems'][number];

/**
 * The audit chain checked against an anchor outside the machine: every upload batch carried the chain's
 * newest entry (seq, hash), and the platform kept them. Someone who rewrites the local log — recomputing
 * every hash, renumbering, or emptying it — cannot change what the platform holds: each kept head must
 * still be in the local log with the same hash.
 */
export function checkKeptHeads(sql: ReadSql, heads: readonly KeptHead[]): Problem[] {
  const problems: Problem[] = [];
  for (const head of heads) {
    const local = sql.get<{ hash: string }>(`SELECT hash FROM audit_log WHERE seq = ?`, head.seq);
    if (!local) {
      problems.push({ seq: head.seq, kind: 'deleted', message: `第 ${head.seq} 条审计记录已不在日志中，但市平台在 ${head.receivedAt} 收到的批次保存了它：日志被删减或清空过` });
    } else if (local.hash !== head.hash) {
      problems.push({ seq: head.seq, kind: 'edited', message: `第 ${head.seq} 条审计记录与市平台保存的链头不符（批次 ${head.batchId}）：日志在上报之后被改写过` });
    }
  }
  return problems;
}

/** The heads the platform kept for this workstation (GET /v1/audit-heads, signed). */
export async function fetchKeptHeads(deps: ServiceDeps, keys: DeviceKeyStore, retry: RetryPolicy): Promise<KeptHead[]> {
  const connection = await PlatformConnection.open(deps, keys, retry);
  const target = `/v1/audit-heads?deviceId=${encodeURIComponent(connection.enrolment.deviceId)}`;
  const outcome = await connection.call('GET', target, {}, (answer) => jsonOf<{ heads: KeptHead[] }>(answer)?.heads ?? null);
  if (outcome.ok) return outcome.value;
  if (outcome.kind === 'unreachable') throw new AppError('UNREACHABLE', `无法连接市平台核对审计链头：${outcome.message}`);
  throw new AppError(outcome.error.code, `市平台拒绝提供审计链头：${outcome.error.message}`);
}
