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

export type DatabaseOpenFailure = 'locked' | 'corrupt' | 'too-new' | 'unreadable';

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

  constructor(
    readonly dataSource: DataSource,
    readonly file: string,
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
    };
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
  /** Path of an Electron-ABI build of better-sqlite3 (the desktop app), else Node's. */
  nativeBinding?: string;
}

export const DATABASE_FILE_NAME = 'ledger.sqlite';

function dataSourceFor(file: string, migrations: Array<new () => MigrationInterface>, nativeBinding?: string): DataSource {
  return new DataSource({
    type: 'better-sqlite3',
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
export async function connectDatabase(file: string, options: Pick<OpenOptions, 'nativeBinding'> = {}): Promise<Db> {
  const dataSource = dataSourceFor(file, [], options.nativeBinding);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw classifyOpenError(error);
  }
  return new Db(dataSource, file);
}

/** Open (creating and migrating as needed) the database of a data folder. */
export async function openDatabase(dataDir: string, options: OpenOptions = {}): Promise<Db> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  const migrations = options.migrations ?? MIGRATIONS;
  const dataSource = dataSourceFor(file, migrations, options.nativeBinding);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw classifyOpenError(error);
  }
  try {
    const connection = (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
    await retryWhenBusy(async () => probeWritable(connection), 3); // a writer elsewhere is waited for a while (seconds), not refused at once
    await refuseNewerDatabase(dataSource, migrations);
    await dataSource.runMigrations({ transaction: 'all' });
    refreshLedgerStatistics(connection);
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error instanceof DatabaseOpenError ? error : classifyOpenError(error);
  }
  return new Db(dataSource, file);
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

function classifyOpenError(error: unknown): DatabaseOpenError {
  const code = (error as { code?: string })?.code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || /database is locked/i.test(message)) {
    return new DatabaseOpenError('locked', '数据库正被其他程序占用（可能是另一个台账窗口或备份程序），请关闭后重试。', error);
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || /not a database|malformed/i.test(message)) {
    return new DatabaseOpenError('corrupt', '数据库文件已损坏或不是台账数据库，请从备份恢复，或联系管理员。', error);
  }
  return new DatabaseOpenError('unreadable', `无法打开数据库：${message}`, error);
}
