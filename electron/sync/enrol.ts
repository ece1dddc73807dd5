import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { AppError, validationError } from '../../shared/contract/errors';
import { recordChange } from '../services/changes';
import { isoNow, type Actor, type ServiceDeps } from '../services/context';
import { requirePermission } from '../services/permissions';
import { readSettings } from '../services/settings/settingsService';
import type { DeviceKeyStore } from './deviceKey';
import { errorOf, jsonOf, NetworkError, platformRequest } from './http';
import { publicKeyFromBase64, publicKeyToBase64 } from './protocol';
import { readState, writeState } from './state';

export interface EnrolRequest {
  url: string;
  code: string;
}

export interface EnrolResult {
  platformUrl: string;
  officeId: string;
  deviceId: string;
  enrolledAt: string;
}

/**
 * Enrol this workstation with the city platform (管理员 only): a new Ed25519 key pair is made, the public
 * half sent with the office's one-time code, and the private half kept on this machine only.
 */
export async function enrolDevice(deps: ServiceDeps, keys: DeviceKeyStore, actor: Actor, req: EnrolRequest, timeoutMs = 30_000): Promise<EnrolResult> {
  requirePermission(actor, 'sync.enrol');
  const platformUrl = normaliseUrl(req.url);
  const code = req.code.trim();
  if (!code) throw validationError('code', '请填写市平台发给本单位的登记码');
  const { officeId, deviceId } = await deps.db.read((sql) => ({
    officeId: readSettings(sql)?.officeUscc ?? '',
    deviceId: readState(sql, 'deviceId') ?? randomUUID(),
  }));
  if (!officeId) throw new AppError('SETUP_REQUIRED', '请先完成本单位的初始设置（统一社会信用代码）');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const body = Buffer.from(JSON.stringify({ officeId, deviceId, publicKey: publicKeyToBase64(publicKey), enrolmentCode: code }));
  let answer;
  try {
    answer = await platformRequest(platformUrl, 'POST', '/v1/enrol', { body, timeoutMs });
  } catch (error) {
    if (error instanceof NetworkError) throw validationError('url', `${error.message}（${platformUrl}）`);
    throw error;
  }
  if (answer.status === 403) throw validationError('code', `登记被拒绝：${errorOf(answer).message}`);
  const granted = jsonOf<{ deviceId: string; enrolledAt: string; platformPublicKey: string }>(answer);
  if (answer.status !== 201 || !granted || !publicKeyFromBase64(granted.platformPublicKey ?? '')) {
    throw validationError('url', `该地址不是可用的市平台（应答 ${answer.status}：${errorOf(answer).message}）`);
  }
  keys.save(privateKey);
  const result: EnrolResult = { platformUrl, officeId, deviceId, enrolledAt: granted.enrolledAt };
  await deps.db.write((sql) => {
    writeState(sql, 'platformUrl', platformUrl);
    writeState(sql, 'officeId', officeId);
    writeState(sql, 'deviceId', deviceId);
    writeState(sql, 'publicKey', publicKeyToBase64(publicKey));
    writeState(sql, 'platformPublicKey', granted.platformPublicKey);
    writeState(sql, 'enrolledAt', granted.enrolledAt);
    writeState(sql, 'clockOffsetMs', 0);
    recordChange(sql, isoNow(deps), actor, { entity: 'sync', entityId: deviceId, action: 'enrol', before: null, after: { platformUrl, officeId, deviceId } });
  });
  return result;
}

function normaliseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw validationError('url', '平台地址格式不正确，例如 https://xyxx.example.gov.cn');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw validationError('url', '平台地址须以 http:// 或 https:// 开头');
  return url.origin + url.pathname.replace(/\/+$/, '');
}
