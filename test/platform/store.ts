import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync, randomInt, type KeyObject } from 'node:crypto';
import Database from 'better-sqlite3';
import { privateKeyFromPkcs8, publicKeyToBase64 } from '../../electron/sync/protocol';
import { createPublicKey } from 'node:crypto';

/** The reference platform's own database (better-sqlite3 directly), in DIR/platform.sqlite. */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS enrolment_codes (code TEXT PRIMARY KEY, office_id TEXT NOT NULL, issued_at TEXT NOT NULL,
  used_at TEXT, used_by TEXT);
CREATE TABLE IF NOT EXISTS devices (device_id TEXT PRIMARY KEY, office_id TEXT NOT NULL, public_key TEXT NOT NULL,
  enrolled_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (batch_id TEXT PRIMARY KEY, office_id TEXT NOT NULL, device_id TEXT NOT NULL,
  seq INTEGER NOT NULL, created_at TEXT NOT NULL, items_hash TEXT NOT NULL, received_at TEXT NOT NULL, answer_json TEXT NOT NULL,
  via_file INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS items (ref INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, office_id TEXT NOT NULL,
  version INTEGER NOT NULL, op TEXT NOT NULL, is_void INTEGER NOT NULL, data_json TEXT NOT NULL, data_hash TEXT NOT NULL,
  updated_at TEXT NOT NULL, received_at TEXT NOT NULL, batch_id TEXT NOT NULL, decided_status TEXT);
CREATE TABLE IF NOT EXISTS item_versions (id TEXT NOT NULL, version INTEGER NOT NULL, batch_id TEXT NOT NULL, PRIMARY KEY (id, version));
CREATE TABLE IF NOT EXISTS audit_heads (n INTEGER PRIMARY KEY, device_id TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL,
  batch_id TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS changes (change_id INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, office_id TEXT,
  payload_json TEXT NOT NULL, created_at TEXT NOT NULL);
`;

export interface DeviceRow {
  device_id: string;
  office_id: string;
  public_key: string;
  enrolled_at: string;
}

export interface HeldItem {
  ref: number;
  id: string;
  kind: string;
  office_id: string;
  version: number;
  op: string;
  is_void: 0 | 1;
  data_hash: string;
}

export class PlatformStore {
  readonly db: Database.Database;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'platform.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    this.privateKey = this.platformKey();
    this.publicKey = createPublicKey(this.privateKey);
  }

  /** The platform's Ed25519 key, made on the first start and kept. */
  private platformKey(): KeyObject {
    const stored = this.db.prepare(`SELECT value FROM meta WHERE key = 'platform_key'`).get() as { value: Buffer } | undefined;
    if (stored) return privateKeyFromPkcs8(stored.value);
    const { privateKey } = generateKeyPairSync('ed25519');
    this.db.prepare(`INSERT INTO meta (key, value) VALUES ('platform_key', ?)`).run(privateKey.export({ format: 'der', type: 'pkcs8' }));
    return privateKey;
  }

  /** A prepared statement, made once per text (a batch runs the same few thousands of times). */
  stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  get publicKeyBase64(): string {
    return publicKeyToBase64(this.publicKey);
  }

  issueCode(officeId: string, at: string): string {
    const code = Array.from({ length: 12 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[randomInt(32)]).join('');
    this.db.prepare(`INSERT INTO enrolment_codes (code, office_id, issued_at) VALUES (?, ?, ?)`).run(code, officeId, at);
    return code;
  }

  device(deviceId: string): DeviceRow | undefined {
    return this.stmt(`SELECT * FROM devices WHERE device_id = ?`).get(deviceId) as DeviceRow | undefined;
  }

  close(): void {
    this.db.close();
  }
}

/** Publish one change to the download feed; `officeId` null means every office sees it. */
export function publishChange(store: PlatformStore, type: string, officeId: string | null, payload: object, at: string): number {
  const result = store.db
    .prepare(`INSERT INTO changes (type, office_id, payload_json, created_at) VALUES (?, ?, ?, ?)`)
    .run(type, officeId, JSON.stringify(payload), at);
  return Number(result.lastInsertRowid);
}
