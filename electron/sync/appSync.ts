import type { ServiceDeps } from '../services/context';
import type { KeyProtector } from '../db/keyAtRest';
import { startSyncScheduler, type SchedulerOptions } from './scheduler';
import { SyncClient } from './syncClient';

/** The one sync client of an open data folder, shared by the IPC handlers and the scheduler. */
const clients = new WeakMap<ServiceDeps, SyncClient>();

export function syncClientFor(deps: ServiceDeps): SyncClient {
  let client = clients.get(deps);
  if (!client) {
    client = new SyncClient(deps);
    clients.set(deps, client);
  }
  return client;
}

export interface AppSyncOptions {
  /** Electron's safeStorage in the desktop app; an owner-only file otherwise. */
  keyProtector?: KeyProtector;
  /** Automatic sync (default on); false in tests that drive sync themselves. */
  schedule?: Partial<SchedulerOptions> | false;
}

/** Set up sync for an open app: its client, and automatic sync unless switched off. */
export function startAppSync(deps: ServiceDeps, options: AppSyncOptions = {}): { client: SyncClient; stop(): void } {
  const client = new SyncClient(deps, { keyProtector: options.keyProtector });
  clients.set(deps, client);
  const scheduler = options.schedule === false ? null : startSyncScheduler(client, options.schedule);
  return { client, stop: () => scheduler?.stop() };
}
