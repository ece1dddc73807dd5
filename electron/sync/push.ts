import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { isoNow, type ServiceDeps } from '../services/context';
import { makeBatch, nextOpenBatch, PLATFORM_LIMITS, splitBatch, type BatchLimits, type OpenBatch } from './batching';
import { jsonReader, type PlatformConnection } from './connection';
import { applyAnswer, markBatchFault, ReceiptMismatch } from './receipts';
import { writeFault, writeState } from './state';
import type { BatchAnswer } from './wire';

const gzip = promisify(gzipCallback);

export interface PushReport {
  batches: number;
  items: number;
  accepted: number;
  duplicate: number;
  stale: number;
  rejected: number;
  /** Why the push stopped early, if it did. */
  fault: { code: string; message: string } | null;
}

/**
 * Upload everything pending: resend any batch made but not answered, then make and send new ones until
 * the outbox is empty. Each step is its own short transaction, so the window never waits on it. The
 * work overlaps like a small pipeline: while the platform judges one batch, the next is made (and saved)
 * and the previous answer applied; a batch is sent only after the one before it was answered.
 */
export async function push(deps: ServiceDeps, connection: PlatformConnection, limits: BatchLimits = PLATFORM_LIMITS, onBatch?: (report: PushReport) => void): Promise<PushReport> {
  const report: PushReport = { batches: 0, items: 0, accepted: 0, duplicate: 0, stale: 0, rejected: 0, fault: null };
  await deps.db.write((sql) => writeState(sql, 'lastAttemptAt', isoNow(deps)));
  const prepare = async (skip: string | null): Promise<Prepared | null> => {
    const batch = await deps.db.write((sql) => nextOpenBatch(sql, skip) ?? makeBatch(sql, connection.enrolment, isoNow(deps), limits));
    return batch && { batch, body: await gzip(batch.bodyJson) };
  };
  let applying: Promise<boolean> = Promise.resolve(true);
  const mismatch = () => ({ ...report, fault: { code: 'RECEIPT_MISMATCH', message: '平台回执与所报批次不符' } });
  let current = await prepare(null);
  while (current) {
    const { batch, body } = current;
    const answered = connection.call('POST', '/v1/batches', { bytes: body, gzip: true }, jsonReader<BatchAnswer>((a) => a?.batchId === batch.batchId && Array.isArray(a.receipts)));
    const next = prepare(batch.batchId);
    const outcome = await answered;
    if (!(await applying)) return mismatch();
    if (outcome.ok) {
      applying = applyOrFault(deps, batch, outcome.value).then((applied) => {
        if (applied) {
          report.batches++;
          report.items += batch.itemCount;
          for (const r of outcome.value.receipts) report[r.status]++;
          onBatch?.(report);
        }
        return applied;
      });
      current = await next;
      continue;
    }
    await next; // made and saved: it goes with the next push
    if (outcome.kind === 'refused' && outcome.status === 413) {
      const split = await deps.db.write((sql) => splitBatch(sql, connection.enrolment, batch, isoNow(deps)));
      if (split) {
        current = await prepare(null);
        continue;
      }
    }
    const fault = outcome.kind === 'unreachable'
      ? { code: 'UNREACHABLE', message: `暂时无法上报：${outcome.message}（稍后自动重试）` }
      : { code: outcome.error.code, message: `平台拒收（${outcome.status}）：${outcome.error.message}` };
    await deps.db.write((sql) => {
      if (outcome.kind === 'refused') markBatchFault(sql, batch.batchId, fault.code, fault.message, isoNow(deps));
      else writeFault(sql, { ...fault, at: isoNow(deps) });
    });
    return { ...report, fault };
  }
  return (await applying) ? report : mismatch();
}

interface Prepared {
  batch: OpenBatch;
  body: Buffer;
}

async function applyOrFault(deps: ServiceDeps, batch: OpenBatch, answer: BatchAnswer): Promise<boolean> {
  try {
    await deps.db.write((sql) => applyAnswer(sql, answer, isoNow(deps)));
    return true;
  } catch (error) {
    if (!(error instanceof ReceiptMismatch)) throw error;
    await deps.db.write((sql) => markBatchFault(sql, batch.batchId, 'RECEIPT_MISMATCH', error.message, isoNow(deps)));
    return false;
  }
}
