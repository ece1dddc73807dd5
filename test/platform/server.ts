import { gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  BATCH_FILE_FORMAT, canonicalHash, MAX_BATCH_BYTES, MAX_BATCH_FILE_BYTES, publicKeyFromBase64, RECEIPTS_FILE_FORMAT, RFC3339,
  signBase64, signingString, verifyBase64,
} from '../../electron/sync/protocol';
import type { BatchAnswer, BatchFileResult } from '../../electron/sync/wire';
import { PlatformFailure, readBatch, takeBatch } from './batches';
import { readChanges } from './changes';
import { FAULTS_AFTER_STORE, FaultSwitch, type FaultPlan } from './faults';
import { PlatformStore, type DeviceRow } from './store';

z.config(z.locales.zhCN());

export interface PlatformOptions {
  dataDir: string;
  port?: number;
  /** Accept fault plans on POST /__control/faults (tests and demos only). */
  faultControl?: boolean;
  fault?: FaultPlan;
  now?: () => Date;
}

export interface RunningPlatform {
  url: string;
  store: PlatformStore;
  faults: FaultSwitch;
  close(): Promise<void>;
}

const CLOCK_SKEW_MS = 15 * 60 * 1000;
const MAX_FILE_JSON_BYTES = 512 * 1024 * 1024;

/** The reference city platform: PLATFORM-API.md v1 over HTTP on 127.0.0.1, its data in `dataDir`. */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const store = new PlatformStore(options.dataDir);
  const now = options.now ?? (() => new Date());
  const faults = new FaultSwitch();
  if (options.fault) faults.set(options.fault);
  const app = Fastify({ forceCloseConnections: true, bodyLimit: MAX_BATCH_FILE_BYTES });

  // Bodies are read as bytes: the signature covers them exactly as sent (gzipped when gzipped).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((error: Error & { statusCode?: number }, _req, reply) => {
    if (error instanceof PlatformFailure) return reply.code(error.status).send(error.body());
    if (error.statusCode === 413) return reply.code(413).send({ code: 'PAYLOAD_TOO_LARGE', message: '请求正文过大' });
    if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).send({ code: 'BAD_REQUEST', message: `请求无效：${error.message}` });
    return reply.code(500).send({ code: 'INTERNAL', message: '平台内部错误，请稍后重试' });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ code: 'NOT_FOUND', message: `没有这个接口：${req.method} ${req.url}` }));

  const at = () => now().toISOString();

  /** The four signed lines, the device, the clock: 401 / 403 as the page says. */
  function authenticate(req: FastifyRequest): DeviceRow {
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === 'string' && v !== '' ? v : null;
    };
    const officeId = header('x-office-id');
    const deviceId = header('x-device-id');
    const timestamp = header('x-timestamp');
    const signature = header('x-signature');
    if (!officeId || !deviceId || !timestamp || !signature) throw new PlatformFailure(401, 'MISSING_SIGNATURE', '请求缺少签名头（X-Office-Id、X-Device-Id、X-Timestamp、X-Signature）');
    if (!RFC3339.test(timestamp) || Number.isNaN(Date.parse(timestamp))) throw new PlatformFailure(401, 'BAD_TIMESTAMP', `X-Timestamp 不是 RFC 3339 时间：${timestamp}`);
    const device = store.device(deviceId);
    if (!device) throw new PlatformFailure(401, 'UNKNOWN_DEVICE', '设备未登记，请先用登记码登记本机');
    const key = publicKeyFromBase64(device.public_key)!;
    const body = rawBody(req);
    if (!verifyBase64(key, signingString(req.method, req.raw.url ?? '', timestamp, body), signature)) {
      throw new PlatformFailure(401, 'BAD_SIGNATURE', '请求签名无效');
    }
    const serverTime = now();
    if (Math.abs(Date.parse(timestamp) - serverTime.getTime()) > CLOCK_SKEW_MS) {
      throw new PlatformFailure(401, 'CLOCK_SKEW', '本机时间与平台相差超过 15 分钟', { serverTime: serverTime.toISOString() });
    }
    if (officeId !== device.office_id) throw new PlatformFailure(403, 'OTHER_OFFICE', `本设备登记在 ${device.office_id}，不能代表其他单位`);
    return device;
  }

  app.post('/v1/enrol', async (req, reply) => {
    const parsed = enrolShape.safeParse(parseJson(decodeBody(req, MAX_BATCH_BYTES)));
    if (!parsed.success) throw new PlatformFailure(400, 'BAD_ENROLMENT', `登记请求无效：${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
    const { officeId, deviceId, publicKey, enrolmentCode } = parsed.data;
    if (!publicKeyFromBase64(publicKey)) throw new PlatformFailure(400, 'BAD_PUBLIC_KEY', '公钥不是 base64 编码的 Ed25519 SPKI DER');
    const enrolledAt = at();
    store.db.transaction(() => {
      const code = store.db.prepare(`SELECT office_id, used_at FROM enrolment_codes WHERE code = ?`).get(enrolmentCode) as { office_id: string; used_at: string | null } | undefined;
      if (!code || code.used_at || code.office_id !== officeId) throw new PlatformFailure(403, 'BAD_ENROLMENT_CODE', '登记码错误、已使用，或不是发给该单位的');
      const existing = store.device(deviceId);
      if (existing && existing.office_id !== officeId) throw new PlatformFailure(403, 'OTHER_OFFICE', '该设备号已登记在其他单位');
      store.db.prepare(`UPDATE enrolment_codes SET used_at = ?, used_by = ? WHERE code = ?`).run(enrolledAt, deviceId, enrolmentCode);
      store.db
        .prepare(`INSERT INTO devices (device_id, office_id, public_key, enrolled_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (device_id) DO UPDATE SET public_key = excluded.public_key, enrolled_at = excluded.enrolled_at`)
        .run(deviceId, officeId, publicKey, enrolledAt);
    })();
    return reply.code(201).send({ deviceId, enrolledAt, platformPublicKey: store.publicKeyBase64 });
  });

  app.post('/v1/batches', { bodyLimit: MAX_BATCH_BYTES }, async (req, reply) => {
    const device = authenticate(req);
    const fault = faults.take('/v1/batches');
    if (fault && !FAULTS_AFTER_STORE.includes(fault.kind)) return injectBefore(fault, req, reply);
    const json = decodeBody(req, MAX_BATCH_BYTES);
    const answer = takeBatch(store, device, readBatch(parseJson(json), json.length), at());
    if (fault) return injectAfter(fault, req, reply, answer);
    return reply.code(200).send(answer);
  });

  app.get('/v1/changes', async (req, reply) => {
    const device = authenticate(req);
    const fault = faults.take('/v1/changes');
    if (fault && !FAULTS_AFTER_STORE.includes(fault.kind)) return injectBefore(fault, req, reply);
    const query = req.query as Record<string, string | undefined>;
    return reply.send(readChanges(store, device.office_id, query.since, query.limit));
  });

  app.get('/v1/audit-heads', async (req, reply) => {
    const device = authenticate(req);
    const deviceId = (req.query as Record<string, string | undefined>).deviceId;
    if (!deviceId) throw new PlatformFailure(400, 'MISSING_DEVICE_ID', '请给出 deviceId');
    const target = store.device(deviceId);
    if (!target || target.office_id !== device.office_id) throw new PlatformFailure(403, 'OTHER_OFFICE', '只能查询本单位设备的审计链头');
    const heads = store.db
      .prepare(`SELECT seq, hash, batch_id AS batchId, received_at AS receivedAt FROM audit_heads WHERE device_id = ? ORDER BY n`)
      .all(deviceId);
    return reply.send({ heads });
  });

  app.post('/v1/batch-files', { bodyLimit: MAX_BATCH_FILE_BYTES }, async (req, reply) => {
    const device = authenticate(req);
    const file = readBatchFile(rawBody(req) ?? Buffer.alloc(0));
    checkBatchFile(file, device);
    const receivedAt = at();
    const results: BatchFileResult[] = file.batches.map((raw) => {
      const batchId = typeof (raw as { batchId?: unknown })?.batchId === 'string' ? (raw as { batchId: string }).batchId : '';
      try {
        const writer = store.device(file.deviceId)!;
        return takeBatch(store, writer, readBatch(raw, Buffer.byteLength(JSON.stringify(raw))), receivedAt, true);
      } catch (error) {
        if (error instanceof PlatformFailure && [400, 409, 413].includes(error.status)) {
          return { batchId, error: { status: error.status as 400 | 409 | 413, code: error.code, message: error.message } };
        }
        throw error;
      }
    });
    return reply.send({ results });
  });

  /** Every check of a batch file before anything of it is stored: a refused file is refused whole. */
  function checkBatchFile(file: ParsedBatchFile, caller: DeviceRow): void {
    if (file.officeId !== caller.office_id) throw new PlatformFailure(403, 'OTHER_OFFICE', `该文件属于其他单位（${file.officeId}），不能由本单位设备上报`);
    const writer = store.device(file.deviceId);
    if (!writer) throw new PlatformFailure(403, 'UNKNOWN_DEVICE', '写出该文件的设备未在平台登记');
    if (writer.office_id !== file.officeId) throw new PlatformFailure(403, 'OTHER_OFFICE', '写出该文件的设备不属于文件所写的单位');
    if (file.publicKey !== writer.public_key) throw new PlatformFailure(403, 'KEY_MISMATCH', '文件中的公钥与平台登记的该设备公钥不同');
    if (!verifyBase64(publicKeyFromBase64(writer.public_key)!, canonicalHash(file.batches), file.signature)) {
      throw new PlatformFailure(403, 'BAD_SIGNATURE', '文件签名无效：内容被改动过，或不是该设备写出的');
    }
    for (const b of file.batches) {
      const named = (b as { officeId?: unknown })?.officeId;
      if (named !== undefined && named !== file.officeId) throw new PlatformFailure(403, 'OTHER_OFFICE', '文件中有批次属于其他单位');
      const by = (b as { deviceId?: unknown })?.deviceId;
      if (by !== undefined && by !== file.deviceId) throw new PlatformFailure(403, 'OTHER_DEVICE', '文件中有批次不是写出该文件的设备做的');
    }
  }

  app.get('/v1/receipts-file', async (req, reply) => {
    const device = authenticate(req);
    const ids = ((req.query as Record<string, string | undefined>).batchIds ?? '').split(',').filter((s) => s !== '');
    if (ids.length === 0) throw new PlatformFailure(400, 'MISSING_BATCH_IDS', '请给出 batchIds（逗号分隔）');
    const results = ids.map((id) => {
      const row = store.db.prepare(`SELECT office_id, answer_json FROM batches WHERE batch_id = ?`).get(id) as { office_id: string; answer_json: string } | undefined;
      if (!row) throw new PlatformFailure(404, 'UNKNOWN_BATCH', `平台没有批次 ${id}`);
      if (row.office_id !== device.office_id) throw new PlatformFailure(403, 'OTHER_OFFICE', `批次 ${id} 属于其他单位`);
      return JSON.parse(row.answer_json) as BatchAnswer;
    });
    const signature = signBase64(store.privateKey, canonicalHash(results));
    const bytes = gzipSync(JSON.stringify({ format: RECEIPTS_FILE_FORMAT, officeId: device.office_id, results, signature }));
    return reply.header('content-type', 'application/octet-stream').send(bytes);
  });

  if (options.faultControl) {
    app.post('/__control/faults', async (req, reply) => {
      const plan = parseJson(rawBody(req) ?? Buffer.from('null')) as FaultPlan | null;
      faults.set(plan);
      return reply.send({ ok: true });
    });
  }

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    faults,
    async close() {
      await app.close();
      store.close();
    },
  };
}

const enrolShape = z.object({ officeId: z.string().min(1), deviceId: z.string().min(1), publicKey: z.string().min(1), enrolmentCode: z.string().min(1) });

const rawBody = (req: FastifyRequest): Buffer | null => (Buffer.isBuffer(req.body) ? req.body : null);

/** The body as JSON bytes: gunzipped when sent gzipped, never more than `limit` bytes (else 413). */
function decodeBody(req: FastifyRequest, limit: number): Buffer {
  const raw = rawBody(req) ?? Buffer.alloc(0);
  const encoding = (req.headers['content-encoding'] ?? 'identity').toString().toLowerCase();
  if (encoding === 'identity') {
    if (raw.length > limit) throw tooLarge();
    return raw;
  }
  if (encoding !== 'gzip') throw new PlatformFailure(400, 'UNSUPPORTED_ENCODING', `不支持的压缩方式：${encoding}（只支持 gzip）`);
  return gunzipWithin(raw, limit, () => new PlatformFailure(400, 'BAD_GZIP', '正文不是有效的 gzip 数据'));
}

function gunzipWithin(raw: Buffer, limit: number, broken: () => PlatformFailure): Buffer {
  try {
    return gunzipSync(raw, { maxOutputLength: limit });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw broken();
  }
}

const tooLarge = () => new PlatformFailure(413, 'PAYLOAD_TOO_LARGE', '批次超过 8 MiB（未压缩），请拆分后重新上报');

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new PlatformFailure(400, 'NOT_JSON', '请求正文不是有效的 JSON');
  }
}

interface ParsedBatchFile {
  officeId: string;
  deviceId: string;
  publicKey: string;
  batches: unknown[];
  signature: string;
}

function readBatchFile(bytes: Buffer): ParsedBatchFile {
  const json = gunzipWithin(bytes, MAX_FILE_JSON_BYTES, () => new PlatformFailure(400, 'TRUNCATED_FILE', '批次文件不完整或已损坏（不是完整的 gzip 数据）'));
  let file: Record<string, unknown>;
  try {
    file = JSON.parse(json.toString('utf8'));
  } catch {
    throw new PlatformFailure(400, 'TRUNCATED_FILE', '批次文件不完整或已损坏（内容不是完整的 JSON）');
  }
  if (file?.format !== BATCH_FILE_FORMAT) throw new PlatformFailure(400, 'UNKNOWN_FORMAT', `不认识的文件格式：${String(file?.format)}（应为 ${BATCH_FILE_FORMAT}）`);
  const text = (k: string) => (typeof file[k] === 'string' ? (file[k] as string) : '');
  if (!Array.isArray(file.batches) || !text('officeId') || !text('deviceId') || !text('publicKey') || !text('signature')) {
    throw new PlatformFailure(400, 'UNKNOWN_FORMAT', '批次文件缺少 officeId、deviceId、publicKey、batches 或 signature');
  }
  return { officeId: text('officeId'), deviceId: text('deviceId'), publicKey: text('publicKey'), batches: file.batches, signature: text('signature') };
}

function injectBefore(fault: FaultPlan, req: FastifyRequest, reply: FastifyReply) {
  switch (fault.kind) {
    case 'error500':
      return reply.code(500).send({ code: 'INTERNAL', message: '平台内部错误（模拟）' });
    case 'busy429':
    case 'busy503':
      return reply
        .code(fault.kind === 'busy429' ? 429 : 503)
        .header('retry-after', String(fault.retryAfter ?? 1))
        .send({ code: 'BUSY', message: '平台繁忙，请稍后重试（模拟）' });
    case 'garbage':
      return reply.code(200).header('content-type', 'application/json').send(Buffer.from('<html>网关错误 \u0000\u0001 garbage'));
    case 'hang':
      reply.hijack(); // never answered; closed when the client gives up or the platform stops
      return reply;
    case 'reset': {
      reply.hijack();
      const socket = req.raw.socket;
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 4096\r\n\r\n{"batchId":"');
      socket.destroy();
      return reply;
    }
    default:
      return reply;
  }
}

function injectAfter(fault: FaultPlan, req: FastifyRequest, reply: FastifyReply, answer: unknown) {
  if (fault.kind === 'truncated') {
    const json = JSON.stringify(answer);
    return reply.code(200).header('content-type', 'application/json').send(json.slice(0, Math.max(1, Math.floor(json.length / 2))));
  }
  reply.hijack();
  req.raw.socket.destroy();
  return reply;
}
