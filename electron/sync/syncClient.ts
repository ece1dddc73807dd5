import type { Actor, ServiceDeps } from '../services/context';
import { requirePermission } from '../services/permissions';
import { PLATFORM_LIMITS, type BatchLimits } from './batching';
import { PlatformConnection } from './connection';
import type { KeyProtector } from '../db/keyAtRest';
import { DeviceKeyStore } from './deviceKey';
import { enrolDevice, type EnrolRequest } from './enrol';
import { buildBatchFile, exportBatchFile, importReceiptsFile } from './files';
import { DEFAULT_RETRY, type RetryPolicy } from './http';
import { pull, type PullReport } from './pull';
import { push, type PushReport } from './push';
import { readSyncStatus, type SyncStatus } from './status';

export interface SyncClientOptions {
  /** How the device key is protected at rest (the desktop app: Electron safeStorage). */
  keyProtector?: KeyProtector;
  retry?: Partial<RetryPolicy>;
  limits?: BatchLimits;
}

/**
 * The workstation's side of the city platform interface: enrolment, upload, download and files. One
 * upload or download runs at a time; a second caller waits for it rather than racing it.
 */
export class SyncClient {
  readonly keys: DeviceKeyStore;
  private readonly retry: RetryPolicy;
  private readonly limits: BatchLimits;
  private running: Promise<unknown> = Promise.resolve();
  private active = 0;

  constructor(
    private readonly deps: ServiceDeps,
    options: SyncClientOptions = {},
  ) {
    this.keys = new DeviceKeyStore(deps.dataDir, options.keyProtector);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.limits = options.limits ?? PLATFORM_LIMITS;
  }

  /** True while an upload, download or file step runs (or waits its turn). */
  get busy(): boolean {
    return this.active > 0;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.active++;
    const step = () => work().finally(() => this.active--);
    const result = this.running.then(step, step);
    this.running = result.catch(() => undefined);
    return result;
  }

  enrol(actor: Actor, req: EnrolRequest) {
    return this.exclusive(() => enrolDevice(this.deps, this.keys, actor, req, this.retry.timeoutMs));
  }

  /** `onBatch` hears the running totals after each answered batch (progress, the bench). */
  push(onBatch?: (report: PushReport) => void): Promise<PushReport> {
    return this.exclusive(async () => push(this.deps, await PlatformConnection.open(this.deps, this.keys, this.retry), this.limits, onBatch));
  }

  /** `approve` is an administrator's go-ahead for a download that would change more than a tenth of the ledger. */
  async pull(options: { approve?: Actor } = {}): Promise<PullReport> {
    if (options.approve) requirePermission(options.approve, 'sync.approve');
    return this.exclusive(async () => pull(this.deps, await PlatformConnection.open(this.deps, this.keys, this.retry), { approve: Boolean(options.approve) }));
  }

  /** Upload, then download (what 立即上报 and the scheduler do). */
  async syncNow(): Promise<{ push: PushReport; pull: PullReport | null }> {
    const pushed = await this.push();
    const pulled = pushed.fault?.code === 'UNREACHABLE' ? null : await this.pull();
    return { push: pushed, pull: pulled };
  }

  exportFile(outFile: string) {
    return this.exclusive(() => exportBatchFile(this.deps, this.keys, outFile));
  }

  /** The `.ledgerbatch` as bytes (the page hands it to the browser to save on removable media). */
  batchFileBytes() {
    return this.exclusive(() => buildBatchFile(this.deps, this.keys));
  }

  importReceipts(bytes: Buffer) {
    return this.exclusive(() => importReceiptsFile(this.deps, bytes));
  }

  status(): Promise<SyncStatus> {
    return this.deps.db.read((sql) => readSyncStatus(sql, this.keys.description));
  }
}
