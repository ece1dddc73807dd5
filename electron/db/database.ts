import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource, type EntityManager, type EntityTarget, type MigrationInterface, type ObjectLiteral, type Repository } from 'typeorm';
import { retryWhenBusy } from './busyRetry';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { refreshLedgerStatistics } from './plannerStatistics';
import { registerSqlFunctions } from './sqlFunctions';
import { encryptPlainLedger } from './encryptLedger';
import { applyLedgerKey, fileKind, isNotADatabase, SqliteDriver } from './ledgerConnection';
import { defaultKeyProvider, LedgerKey, LedgerKeyFormatError, type LedgerKeyProvider } from './ledgerKey';

export type DatabaseOpenFailure = 'locked' | 'corrupt' | 'too-new' | 'unreadable' | 'wrong-key' | 'no-key';

/** Why the database could not be opened, with a message a clerk can act on. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: DatabaseOpenFailure,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

/** The reading half of TypeORM's repositories: what a read may do with an entity. */
export interface ReadRepository<T extends ObjectLiteral> {
  find: Repository<T>['find'];
  findOne: Repository<T>['findOne'];
  findBy: Repository<T>['findBy'];
  findOneBy: Repository<T>['findOneBy'];
  count: Repository<T>['count'];
  exists: Repository<T>['exists'];
}

/**
 * Statement helpers for a read (inside Db.read): no `run`, and repositories that only find. Giving reads and
 * writes different types (as Signal Desktop's ts/sql/Interface does) makes a write inside a read a compile
 * error instead of a change that escapes its transaction.
 */
export interface ReadSql {
  em: { getRepository<T extends ObjectLiteral>(target: EntityTarget<T>): ReadRepository<T> };
  get<T>(sql: string, ...params: unknown[]): T | undefined;
  all<T>(sql: string, ...params: unknown[]): T[];
  iterate<T>(sql: string, ...params: unknown[]): IterableIterator<T>;
  /**
   * Fill this connection's temporary rowid set `temp.<name>` (created on first use, emptied first) with the
   * integers `select` returns, and say how many. The next statements of the same read test membership with
   * `IN (SELECT seq FROM temp.<name>)`, a rowid search, instead of running `select` again: a search with
   * 60,000 hits evaluates its index once per page instead of once per statement. Temporary tables are the
   * connection's own and are kept in memory (temp_store), never in the ledger file.
   */
  fillRowidSet(name: string, select: string, ...params: unknown[]): number;
}

/** Statement helpers inside one write transaction (Db.write): everything a read has, and changes. */
export interface WriteSql extends Omit<ReadSql, 'em'> {
  em: EntityManager;
  run(sql: string, ...params: unknown[]): BetterSqlite3.RunResult;
}

/**
 * The database of one data folder. TypeORM owns the connection, the migrations and the transactions.
 * better-sqlite3 is one synchronous connection, so every read and write is queued here: an async
 * transaction can never interleave with another caller's statements. Inside a unit of work the
 * statements run as prepared statements on that same connection (cached), which keeps hot paths fast.
 */
/**
 * WAL pages after which a commit must itself fold the log back into the database. Set high so that this
 * almost never falls inside a clerk's save: the idle checkpoint below does it first.
 */
export const WAL_AUTOCHECKPOINT_PAGES = 8000;
/** Quiet time after the last write before the log is checkpointed (a save never waits for it). */
export const IDLE_CHECKPOINT_MS = 1500;

export class Db {
  private queue: Promise<unknown> = Promise.resolve();
  private idleCheckpoint: NodeJS.Timeout | null = null;
  /** Settles when the writes held for another connection (holdWrites) may go on. */
  private writesHeld: Promise<unknown> = Promise.resolve();
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  /** The temporary rowid sets (fillRowidSet) this connection has created. */
  private readonly rowidSets = new Set<string>();

  constructor(
    readonly dataSource: DataSource,
    readonly file: string,
    /** The ledger's key: for the other connections of this process (backups, worker threads) and the attachment store. */
    readonly key: LedgerKey,
    /** Where this computer keeps the key, in words (the settings page shows it). */
    readonly keyDescription = '',
  ) {}

  get connection(): BetterSqlite3.Database {
    return (this.dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
  }

  private statement(sql: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.connection.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private sqlFor(em: EntityManager): WriteSql {
    return {
      em,
      run: (sql, ...params) => this.statement(sql).run(...params),
      get: <T>(sql: string, ...params: unknown[]) => this.statement(sql).get(...params) as T | undefined,
      all: <T>(sql: string, ...params: unknown[]) => this.statement(sql).all(...params) as T[],
      iterate: <T>(sql: string, ...params: unknown[]) => this.statement(sql).iterate(...params) as IterableIterator<T>,
      fillRowidSet: (name, select, ...params) => this.fillRowidSet(name, select, params),
    };
  }

  private fillRowidSet(name: string, select: string, params: unknown[]): number {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`not a rowid set name: ${name}`);
    if (!this.rowidSets.has(name)) {
      this.connection.exec(`CREATE TEMP TABLE IF NOT EXISTS ${name} (seq INTEGER PRIMARY KEY)`);
      this.rowidSets.add(name);
    }
    this.statement(`DELETE FROM temp.${name}`).run();
    return this.statement(`INSERT INTO temp.${name} (seq) ${select}`).run(...params).changes;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** A read that sees a consistent database (no write runs meanwhile). */
  read<T>(work: (sql: ReadSql) => T | Promise<T>): Promise<T> {
    return this.enqueue(async () => work(this.sqlFor(this.dataSource.manager)));
  }

  /** One transaction: all of it commits, or none of it. */
  write<T>(work: (sql: WriteSql) => T | Promise<T>): Promise<T> {
    const result = this.enqueueWrite(() => this.dataSource.transaction((em) => Promise.resolve(work(this.sqlFor(em)))));
    void result.then(() => this.checkpointWhenIdle(), () => undefined);
    return result;
  }

  /**
   * Fold the WAL into the database once writes have paused. With SQLite's own checkpoint every 1,000 pages,
   * one save in twenty also copied the log back (with an fsync) while the clerk waited for it.
   */
  private checkpointWhenIdle(): void {
    if (this.idleCheckpoint) clearTimeout(this.idleCheckpoint);
    this.idleCheckpoint = setTimeout(() => {
      this.idleCheckpoint = null;
      void this.enqueueWrite(async () => {
        if (this.dataSource.isInitialized) this.connection.pragma('wal_checkpoint(PASSIVE)');
      }).catch(() => undefined);
    }, IDLE_CHECKPOINT_MS);
    this.idleCheckpoint.unref();
  }

  /** Work that writes waits while writes are held for another connection; reads do not. */
  private enqueueWrite<T>(work: () => Promise<T>): Promise<T> {
    return this.writesHeld.then(() => this.enqueue(work));
  }

  /**
   * Let another connection of this process (an import's worker thread) write: once the work queued before has
   * finished, `job` runs while this connection writes nothing — later writes wait for it instead of meeting a
   * locked database, which would block this thread for the busy timeout. Reads go on meanwhile (WAL: they see
   * the last committed state), and the thread stays free.
   */
  holdWrites<T>(job: () => Promise<T>): Promise<T> {
    const result = this.writesHeld.then(() => this.enqueue(async () => undefined)).then(job);
    this.writesHeld = result.catch(() => undefined);
    return result;
  }

  /** Retake the ledger tables' planner statistics where one has grown or shrunk a lot (after a large import). */
  refreshStatistics(): Promise<boolean> {
    return this.enqueueWrite(async () => refreshLedgerStatistics(this.connection).length > 0);
  }

  /** Read the planner statistics again after another connection (an import's worker) retook them. */
  reloadStatistics(): Promise<void> {
    return this.enqueueWrite(async () => void this.connection.exec('ANALYZE sqlite_schema'));
  }

  async close(): Promise<void> {
    if (this.idleCheckpoint) clearTimeout(this.idleCheckpoint);
    this.idleCheckpoint = null;
    await this.enqueueWrite(async () => {
      if (!this.dataSource.isInitialized) return;
      this.statements.clear();
      this.rowidSets.clear();
      try {
        // Fold the log in only if no other connection is busy with the database: a TRUNCATE checkpoint holds the
        // write lock while it waits for readers, and with the busy timeout it held another process's writes (and
        // its opening) back for seconds. Without a wait it stops where a reader is, as a PASSIVE one would.
        this.connection.pragma('busy_timeout = 0');
        this.connection.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // a failed checkpoint only leaves the WAL file for the next start to fold in
      }
      await this.dataSource.destroy();
    });
  }
}

export interface OpenOptions {
  /** Defaults to every migration; tests pass a prefix to build an older database. */
  migrations?: Array<new () => MigrationInterface>;
  /** Path of an Electron-ABI build of the SQLite driver (the desktop app), else Node's. */
  nativeBinding?: string;
  /** Where the ledger's key is kept; defaults to LEDGER_KEY_FILE, else ledger-key.bin in the data folder. */
  keys?: LedgerKeyProvider;
  /** The moment of opening (names the copy taken before encrypting a plain ledger). */
  openedAt?: Date;
}

export const DATABASE_FILE_NAME = 'ledger.sqlite';

/** SQLite's page cache per connection, in KiB (memory used only as pages are read). */
export const PAGE_CACHE_KIB = 64 * 1024;

function dataSourceFor(file: string, key: LedgerKey, migrations: Array<new () => MigrationInterface>, nativeBinding?: string): DataSource {
  return new DataSource({
    type: 'better-sqlite3',
    // TypeORM's own `key` option would key the connection before the cipher is chosen: keyed here instead.
    driver: SqliteDriver,
    database: file,
    nativeBinding,
    migrations,
    entities: ENTITIES,
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: false,
    statementCacheSize: 200,
    timeout: 2000,
    prepareDatabase: (connection: BetterSqlite3.Database) => {
      applyLedgerKey(connection, key);
      // Pages are decrypted and checked as they enter SQLite's cache: a cache big enough for the hot pages of a
      // 100,000-record ledger keeps lists fast (with the default 2 MB, the list's p95 was 45 ms instead of 7).
      connection.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
      // SQLite's temporary files (big sorts, temporary tables) are not encrypted: keep them in memory instead.
      connection.pragma('temp_store = MEMORY');
      connection.pragma('journal_mode = WAL');
      connection.pragma('synchronous = FULL');
      connection.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
      connection.pragma('foreign_keys = ON');
      registerSqlFunctions(connection);
    },
  });
}

/**
 * A second connection to a database the app has already opened and migrated (a worker thread's): the same
 * pragmas and SQL functions, no migrations, no statistics.
 */
export async function connectDatabase(file: string, options: Pick<OpenOptions, 'nativeBinding'> & { key: LedgerKey }): Promise<Db> {
  const dataSource = dataSourceFor(file, options.key, [], options.nativeBinding);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw classifyOpenError(error, 'encrypted');
  }
  return new Db(dataSource, file, options.key);
}

/**
 * The key of a data folder's ledger, before its connection opens. A new ledger gets a new key (kept by the
 * provider); an encrypted ledger without its key is refused in words an administrator can act on — never
 * replaced by an empty one; a plain ledger (written before encryption) is encrypted in place.
 */
function ledgerKeyFor(file: string, keys: LedgerKeyProvider, options: OpenOptions): LedgerKey {
  const kind = fileKind(file);
  if (kind === 'not-a-database') throw new DatabaseOpenError('corrupt', CORRUPT_MESSAGE);
  let key: LedgerKey | null;
  try {
    key = keys.load();
  } catch (error) {
    if (error instanceof LedgerKeyFormatError) throw new DatabaseOpenError('no-key', `台账密钥无法读取：${error.message}。请用管理员保存的恢复密钥重新设置（见 README“加密与密钥”）。`, error);
    throw error;
  }
  if (kind === 'encrypted') {
    if (!key) {
      throw new DatabaseOpenError(
        'no-key',
        `台账数据库已加密，但本机找不到它的密钥（${keys.description}）。如果台账是从另一台电脑搬来的，或系统账户被重置过，请用管理员打印的恢复密钥导入：ledger key import --data 数据目录 --recovery-key 恢复密钥。`,
      );
    }
    return key;
  }
  if (!key) {
    key = LedgerKey.random();
    keys.save(key);
  }
  if (kind === 'plain') {
    try {
      encryptPlainLedger(file, key, { nativeBinding: options.nativeBinding, now: options.openedAt ?? new Date() });
    } catch (error) {
      throw error instanceof DatabaseOpenError ? error : classifyOpenError(error, 'plain');
    }
  }
  return key;
}

/** Open (creating and migrating as needed) the database of a data folder. */
export async function openDatabase(dataDir: string, options: OpenOptions = {}): Promise<Db> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  const migrations = options.migrations ?? MIGRATIONS;
  const keys = options.keys ?? defaultKeyProvider(dataDir);
  const key = ledgerKeyFor(file, keys, options);
  const dataSource = dataSourceFor(file, key, migrations, options.nativeBinding);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw classifyOpenError(error, 'encrypted');
  }
  try {
    const connection = (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
    await retryWhenBusy(async () => probeWritable(connection), 3); // a writer elsewhere is waited for a while (seconds), not refused at once
    await refuseNewerDatabase(dataSource, migrations);
    await dataSource.runMigrations({ transaction: 'all' });
    refreshLedgerStatistics(connection);
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error instanceof DatabaseOpenError ? error : classifyOpenError(error, 'encrypted');
  }
  return new Db(dataSource, file, key, keys.description);
}

/** Take and release the write lock once, so a database held by another program is reported now. */
function probeWritable(connection: BetterSqlite3.Database): void {
  connection.exec('BEGIN IMMEDIATE');
  connection.exec('ROLLBACK');
}

async function refuseNewerDatabase(dataSource: DataSource, known: Array<new () => MigrationInterface>): Promise<void> {
  const hasTable = await dataSource.query(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`);
  if (hasTable.length === 0) return;
  const knownNames = new Set(known.map((m) => new m().name));
  const applied: Array<{ name: string }> = await dataSource.query(`SELECT name FROM migrations ORDER BY id`);
  const unknown = applied.filter((m) => !knownNames.has(m.name));
  if (unknown.length > 0) {
    throw new DatabaseOpenError(
      'too-new',
      `数据库由更新版本的政务诚信台账创建（含本版本不认识的结构变更 ${unknown.map((m) => m.name).join('、')}），请升级本软件后再打开。`,
    );
  }
}

const CORRUPT_MESSAGE = '数据库文件已损坏或不是台账数据库，请从备份恢复，或联系管理员。';

/** The words for a ledger its key does not open (shown by the desktop app's error dialog and the CLI). */
export const WRONG_KEY_MESSAGE =
  '台账数据库的密钥不正确，无法解密（可能换了电脑、重装了系统或重置了系统账户，也可能数据库文件已损坏）。数据没有被改动。请用管理员打印的恢复密钥导入（ledger key import），或从备份恢复。';

function classifyOpenError(error: unknown, file: 'plain' | 'encrypted' = 'plain'): DatabaseOpenError {
  const code = (error as { code?: string })?.code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || /database is locked/i.test(message)) {
    return new DatabaseOpenError('locked', '数据库正被其他程序占用（可能是另一个台账窗口或备份程序），请关闭后重试。', error);
  }
  if (file === 'encrypted' && isNotADatabase(error)) return new DatabaseOpenError('wrong-key', WRONG_KEY_MESSAGE, error);
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || /not a database|malformed/i.test(message)) {
    return new DatabaseOpenError('corrupt', CORRUPT_MESSAGE, error);
  }
  return new DatabaseOpenError('unreadable', `无法打开数据库：${message}`, error);
}
