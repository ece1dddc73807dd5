import { openDatabase } from '../db/database';
import { defaultKeyProvider, keptKeyOrNull, type LedgerKeyProvider } from '../db/ledgerKey';
import { backupIfDue, type AutomaticOutcome } from '../services/backup/backupService';
import { sealPlainAttachments } from '../services/files/attachments';
import { backupBeforeMigrations } from '../services/backup/beforeMigrations';
import type { ServiceDeps } from '../services/context';
import { decoyHash } from '../services/users/passwords';
import { scheduleDerivedStates } from '../services/ledger/derivedSchedule';
import { DERIVED_RUNNERS } from '../services/catalog';
import { startAppSync, type AppSyncOptions } from '../sync/appSync';
import { HANDLERS } from './handlers';
import { createHandlerRegistry, type AppContext, type HandlerRegistry, type HostAdapter } from './registry';

export interface OpenedApp {
  app: AppContext;
  registry: HandlerRegistry;
  /** The daily automatic backup started at open (never blocks opening; a failure is logged). */
  startupBackup: Promise<AutomaticOutcome | null>;
  close(): Promise<void>;
}

/** Open a data folder and wire the handler registry: shared by the Electron main process and the web harness. */
export async function openApp(options: {
  dataDir: string; host: HostAdapter; appVersion: string; nativeBinding?: string; sync?: AppSyncOptions;
  /** Where the ledger's key is kept (the desktop app: safeStorage); defaults to the key file (LEDGER_KEY_FILE). */
  keys?: LedgerKeyProvider;
  /** The ledger's clock (tests let a due date pass); the system clock by default. */
  now?: () => Date;
}): Promise<OpenedApp> {
  const keys = options.keys ?? defaultKeyProvider(options.dataDir);
  const known = keptKeyOrNull(keys);
  // A ledger without its key yet (new, or written before encryption) has a copy taken as it is encrypted instead.
  if (known) await backupBeforeMigrations(options.dataDir, { appVersion: options.appVersion, now: new Date(), nativeBinding: options.nativeBinding, key: known });
  const db = await openDatabase(options.dataDir, { nativeBinding: options.nativeBinding, keys });
  const deps: ServiceDeps = { db, dataDir: options.dataDir, now: options.now ?? (() => new Date()) };
  // Evidence files stored before encryption are sealed under the ledger's key (once; later starts find none).
  const sealed = sealPlainAttachments(deps);
  if (sealed > 0) console.info(`sealed ${sealed} attachments stored before encryption`);
  const app: AppContext = { deps, host: options.host, appVersion: options.appVersion };
  const startupBackup = backupIfDue(deps, options.appVersion).catch((error) => {
    console.error('automatic backup failed', error);
    return null;
  });
  const sync = startAppSync(deps, options.sync);
  // States that follow from a date (逾期未兑现, a notice past its deadline): made before the window shows the
  // ledgers, then after every midnight.
  const derived = scheduleDerivedStates(deps, DERIVED_RUNNERS);
  await derived.first;
  // deps.db, not db: a restore replaces the connection.
  const close = async () => {
    sync.stop();
    derived.stop();
    await derived.first;
    await startupBackup;
    await deps.db.close();
  };
  // Made now, off the main thread, so even the first sign-in with an unknown name takes no longer than a wrong password.
  void decoyHash();
  return { app, registry: createHandlerRegistry(app, HANDLERS), startupBackup, close };
}
