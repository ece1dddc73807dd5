import { openDatabase } from '../db/database';
import type { ServiceDeps } from '../services/context';
import { startAppSync, type AppSyncOptions } from '../sync/appSync';
import { HANDLERS } from './handlers';
import { createHandlerRegistry, type AppContext, type HandlerRegistry, type HostAdapter } from './registry';

export interface OpenedApp {
  app: AppContext;
  registry: HandlerRegistry;
  close(): Promise<void>;
}

/** Open a data folder and wire the handler registry: shared by the Electron main process and the web harness. */
export async function openApp(options: { dataDir: string; host: HostAdapter; appVersion: string; nativeBinding?: string; sync?: AppSyncOptions }): Promise<OpenedApp> {
  const db = await openDatabase(options.dataDir, { nativeBinding: options.nativeBinding });
  const deps: ServiceDeps = { db, dataDir: options.dataDir, now: () => new Date() };
  const app: AppContext = { deps, host: options.host, appVersion: options.appVersion };
  const sync = startAppSync(deps, options.sync);
  return {
    app,
    registry: createHandlerRegistry(app, HANDLERS),
    close: async () => {
      sync.stop();
      await db.close();
    },
  };
}
