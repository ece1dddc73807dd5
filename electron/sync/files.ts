import fs from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AppError } from '../../shared/contract/errors';
import { isoNow, type ServiceDeps } from '../services/context';
import { makeBatch } from './batching';
import type { DeviceKeyStore } from './deviceKey';
import { applyAnswer, markBatchFault, ReceiptMismatch } from './receipts';
import { BATCH_FILE_FORMAT, canonicalHash, publicKeyFromBase64, RECEIPTS_FILE_FORMAT, signBase64, verifyBase64 } from './protocol';
import { readEnrolment, type Enrolment } from './state';
import type { Batch, BatchAnswer, BatchFileResult } from './wire';

/**
 * Upload by removable media, for offices with no connection: every pending batch written to a signed
 * `.ledgerbatch`, and the platform's signed `.ledgerreceipts` brought back and applied.
 */

async function requireEnrolment(deps: ServiceDeps): Promise<Enrolment> {
  const enrolment = await deps.db.read((sql) => readEnrolment(sql));
  if (!enrolment) throw new AppError('NOT_ENROLLED', '本机尚未登记到市平台，不能写出或读入上报文件');
  return enrolment;
}

export interface ExportResult {
  file: string;
  batches: number;
  items: number;
}

/** Make batches of everything pending, then write every unanswered batch to `outFile` (written whole, then renamed). */
export async function exportBatchFile(deps: ServiceDeps, keys: DeviceKeyStore, outFile: string): Promise<ExportResult> {
  const { bytes, batches, items } = await buildBatchFile(deps, keys);
  const temp = `${outFile}.part`;
  fs.writeFileSync(temp, bytes);
  fs.renameSync(temp, outFile);
  return { file: outFile, batches, items };
}

/** The `.ledgerbatch` bytes of every batch not yet answered (pending items are put into batches first). */
export async function buildBatchFile(deps: ServiceDeps, keys: DeviceKeyStore): Promise<{ bytes: Buffer; batches: number; items: number }> {
  const enrolment = await requireEnrolment(deps);
  const privateKey = keys.load();
  if (!privateKey) throw new AppError('NO_DEVICE_KEY', '找不到本机的签名密钥，请重新登记');
  while (await deps.db.write((sql) => makeBatch(sql, enrolment, isoNow(deps)))) {
    // each call makes one batch of up to 1,000 items
  }
  const batches = await deps.db.write((sql) => {
    const rows = sql.all<{ batch_id: string; body_json: string }>(`SELECT batch_id, body_json FROM sync_batches WHERE state IN ('open','fault') ORDER BY seq`);
    sql.run(`UPDATE sync_batches SET sent_via = 'file' WHERE state IN ('open','fault')`);
    return rows.map((r) => JSON.parse(r.body_json) as Batch);
  });
  if (batches.length === 0) throw new AppError('NOTHING_PENDING', '没有待上报的内容');
  const signature = signBase64(privateKey, canonicalHash(batches));
  const file = { format: BATCH_FILE_FORMAT, officeId: enrolment.officeId, deviceId: enrolment.deviceId, publicKey: enrolment.publicKey, batches, signature };
  return { bytes: gzipSync(JSON.stringify(file)), batches: batches.length, items: batches.reduce((n, b) => n + b.items.length, 0) };
}

export interface ImportResult {
  applied: number;
  already: number;
  unknown: number;
  refused: number;
}

/** A refused file: the code says which check failed, the message says it to the clerk. */
const refuse = (code: string, message: string) => new AppError(code, message, 'file');

/** Apply a `.ledgerreceipts` file whole, or refuse it whole saying why; nothing of a refused file is applied. */
export async function importReceiptsFile(deps: ServiceDeps, bytes: Buffer): Promise<ImportResult> {
  const enrolment = await requireEnrolment(deps);
  let file: { format?: unknown; officeId?: unknown; results?: unknown; signature?: unknown };
  try {
    file = JSON.parse(gunzipSync(bytes).toString('utf8'));
  } catch {
    throw refuse('FILE_TRUNCATED', '回执文件不完整或已损坏（可能复制时被截断），未导入任何内容');
  }
  if (file?.format !== RECEIPTS_FILE_FORMAT) throw refuse('FILE_UNKNOWN_FORMAT', `不认识的文件格式“${String(file?.format)}”，应为市平台的回执文件（${RECEIPTS_FILE_FORMAT}），未导入任何内容`);
  if (file.officeId !== enrolment.officeId) throw refuse('FILE_OTHER_OFFICE', `该回执文件属于其他单位（${String(file.officeId)}），未导入任何内容`);
  const platformKey = publicKeyFromBase64(enrolment.platformPublicKey);
  if (!Array.isArray(file.results) || typeof file.signature !== 'string' || !platformKey || !verifyBase64(platformKey, canonicalHash(file.results), file.signature)) {
    throw refuse('FILE_TAMPERED', '回执文件的签名无法用市平台的公钥验证：文件被改动过，或不是市平台出具的，未导入任何内容');
  }
  const results = file.results as BatchFileResult[];
  try {
    return await deps.db.write((sql) => {
      const at = isoNow(deps);
      const outcome: ImportResult = { applied: 0, already: 0, unknown: 0, refused: 0 };
      for (const result of results) {
        if ('error' in result) {
          const known = sql.get(`SELECT 1 FROM sync_batches WHERE batch_id = ? AND state <> 'answered'`, result.batchId);
          if (known) markBatchFault(sql, result.batchId, result.error.code, `平台拒收（${result.error.status}）：${result.error.message}`, at);
          outcome[known ? 'refused' : 'unknown']++;
        } else {
          outcome[applyAnswer(sql, result as BatchAnswer, at)]++;
        }
      }
      return outcome;
    });
  } catch (error) {
    if (error instanceof ReceiptMismatch) throw refuse('FILE_MISMATCH', `回执与本机的批次不符（${error.message}），未导入任何内容`);
    throw error;
  }
}
