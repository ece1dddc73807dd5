import { AppError } from '../../shared/contract/errors';
import type { ServiceDeps } from '../services/context';
import type { DeviceKeyStore } from './deviceKey';
import { backoffMs, errorOf, isTransient, jsonOf, NetworkError, platformRequest, type PlatformAnswer, type RetryPolicy, type Signer } from './http';
import { readEnrolment, readState, writeState, type Enrolment } from './state';
import type { PlatformError } from './wire';

export type CallOutcome<T> =
  | { ok: true; value: T }
  /** Could not get an answer after every retry: offline, timing out, busy or answering nonsense. */
  | { ok: false; kind: 'unreachable'; message: string }
  /** The platform said no (4xx other than a clock correction): stop and show it. */
  | { ok: false; kind: 'refused'; status: number; error: PlatformError };

/** A signed conversation with the platform this workstation is enrolled with. */
export class PlatformConnection {
  private constructor(
    private readonly deps: ServiceDeps,
    readonly enrolment: Enrolment,
    private readonly signer: Signer,
    private readonly retry: RetryPolicy,
  ) {}

  static async open(deps: ServiceDeps, keys: DeviceKeyStore, retry: RetryPolicy): Promise<PlatformConnection> {
    const { enrolment, offset } = await deps.db.read((sql) => ({ enrolment: readEnrolment(sql), offset: readState(sql, 'clockOffsetMs') ?? 0 }));
    if (!enrolment) throw new AppError('NOT_ENROLLED', '本机尚未登记到市平台：请管理员在“上报平台”页填写平台地址和登记码');
    const privateKey = keys.load();
    if (!privateKey) throw new AppError('NO_DEVICE_KEY', `找不到本机的签名密钥（${keys.file}），请重新登记`);
    const signer: Signer & { offset: number } = {
      officeId: enrolment.officeId,
      deviceId: enrolment.deviceId,
      privateKey,
      offset,
      now() {
        return new Date(deps.now().getTime() + this.offset);
      },
    };
    return new PlatformConnection(deps, enrolment, signer, retry);
  }

  /**
   * One request, retried with backoff on network errors, timeouts, 5xx and 429/503 (honouring
   * Retry-After) and on answers `read` cannot make sense of; a 401 CLOCK_SKEW corrects the clock and
   * tries once more at once.
   */
  async call<T>(method: 'GET' | 'POST', target: string, body: { bytes?: Buffer; gzip?: boolean; contentType?: string }, read: (answer: PlatformAnswer) => T | null): Promise<CallOutcome<T>> {
    let clockCorrected = false;
    let lastProblem = '';
    for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt++) {
      let answer: PlatformAnswer;
      try {
        answer = await platformRequest(this.enrolment.platformUrl, method, target, {
          signer: this.signer, body: body.bytes, gzip: body.gzip, contentType: body.contentType, timeoutMs: this.retry.timeoutMs,
        });
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        lastProblem = error.message;
        await this.pause(attempt, null);
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) {
        const value = read(answer);
        if (value !== null) return { ok: true, value };
        lastProblem = '平台的应答不完整或无法识别';
        await this.pause(attempt, null);
        continue;
      }
      if (isTransient(answer.status)) {
        lastProblem = `平台暂时无法处理（${answer.status}）：${errorOf(answer).message}`;
        await this.pause(attempt, answer.retryAfterSeconds);
        continue;
      }
      const error = errorOf(answer);
      if (answer.status === 401 && error.code === 'CLOCK_SKEW' && !clockCorrected && error.serverTime) {
        clockCorrected = true;
        await this.correctClock(error.serverTime);
        attempt--; // the corrected try is not a failure
        continue;
      }
      return { ok: false, kind: 'refused', status: answer.status, error };
    }
    return { ok: false, kind: 'unreachable', message: lastProblem };
  }

  private async pause(attempt: number, retryAfterSeconds: number | null): Promise<void> {
    if (attempt < this.retry.maxAttempts) await this.retry.sleep(backoffMs(this.retry, attempt, retryAfterSeconds));
  }

  private async correctClock(serverTime: string): Promise<void> {
    const offset = Date.parse(serverTime) - this.deps.now().getTime();
    (this.signer as Signer & { offset: number }).offset = offset;
    await this.deps.db.write((sql) => writeState(sql, 'clockOffsetMs', offset));
  }
}

export const jsonReader = <T>(check: (value: T) => boolean) => (answer: PlatformAnswer): T | null => {
  const value = jsonOf<T>(answer);
  return value !== null && check(value) ? value : null;
};
