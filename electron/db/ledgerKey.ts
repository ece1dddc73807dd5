import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeOwnerOnly, type KeyProtector } from './keyAtRest';

/**
 * The key of one installation's ledger: 32 random bytes, made once, used as SQLCipher's raw key for the
 * database (and, derived, for the attachment store). It never appears in a log or an error message.
 */
export class LedgerKey {
  static readonly BYTES = 32;

  private constructor(private readonly bytes: Buffer) {}

  static random(): LedgerKey {
    return new LedgerKey(randomBytes(LedgerKey.BYTES));
  }

  static fromBytes(bytes: Uint8Array): LedgerKey {
    if (bytes.length !== LedgerKey.BYTES) throw new LedgerKeyFormatError(`密钥长度应为 ${LedgerKey.BYTES} 字节，实际为 ${bytes.length} 字节`);
    return new LedgerKey(Buffer.from(bytes));
  }

  static fromHex(hex: string): LedgerKey {
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new LedgerKeyFormatError('密钥应为 64 位十六进制数字');
    return new LedgerKey(Buffer.from(hex, 'hex'));
  }

  /**
   * A recovery key as the administrator printed or typed it: 64 hexadecimal digits, in any case, with any
   * spaces, dashes or line breaks between the groups.
   */
  static fromRecoveryKey(text: string): LedgerKey {
    const digits = text.replace(/[\s\-–—_:]/g, '');
    if (!/^[0-9a-fA-F]*$/.test(digits)) throw new LedgerKeyFormatError('恢复密钥只能包含数字 0–9 和字母 A–F（分组之间的空格或短横线可有可无）');
    if (digits.length !== 64) throw new LedgerKeyFormatError(`恢复密钥应为 64 位（16 组，每组 4 位），实际为 ${digits.length} 位`);
    return LedgerKey.fromHex(digits);
  }

  /** What a key file holds: the raw 32 bytes, or the key as text (hex or a recovery key). */
  static fromFileContent(content: Buffer): LedgerKey {
    if (content.length === LedgerKey.BYTES) return LedgerKey.fromBytes(content);
    return LedgerKey.fromRecoveryKey(content.toString('utf8'));
  }

  get hex(): string {
    return this.bytes.toString('hex');
  }

  /** A copy of the raw bytes (for key derivation and for protecting the key at rest). */
  raw(): Buffer {
    return Buffer.from(this.bytes);
  }

  /** The key as the administrator prints it: 16 groups of 4 upper-case hexadecimal digits. */
  get recoveryKey(): string {
    return this.hex.toUpperCase().match(/.{4}/g)!.join('-');
  }

  /** SQLCipher's raw-key literal: `x'…'` (no passphrase derivation: the key is already random). */
  get sqlLiteral(): string {
    return `"x'${this.hex}'"`;
  }

  equals(other: LedgerKey): boolean {
    return this.bytes.equals(other.bytes);
  }

  /** Never print the key by accident. */
  toString(): string {
    return '[LedgerKey]';
  }

  toJSON(): string {
    return '[LedgerKey]';
  }
}

export class LedgerKeyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerKeyFormatError';
  }
}

export const KEY_AS_IS: KeyProtector = {
  description: '仅本用户可读的密钥文件（权限 0600）',
  protect: (secret) => secret,
  unprotect: (stored) => stored,
};

/** Where the key of a data folder is found, and where a new one is kept. */
export interface LedgerKeyProvider {
  description: string;
  /** The key, or null when none has been made yet. */
  load(): LedgerKey | null;
  /** Keep a new key (only called when load() answered null). */
  save(key: LedgerKey): void;
}

/** The default key file of a data folder (see README “加密与密钥”). */
export const LEDGER_KEY_FILE_NAME = 'ledger-key.bin';

/**
 * A key kept in one file. With the default protector the file holds the 32 raw bytes (mode 0600); a file
 * written by hand may hold the key as text (64 hex digits or the grouped recovery key).
 */
export function keyFileProvider(file: string, protector: KeyProtector = KEY_AS_IS): LedgerKeyProvider {
  return {
    description: protector === KEY_AS_IS ? `${protector.description}：${file}` : protector.description,
    load: () => {
      if (!fs.existsSync(file)) return null;
      const stored = fs.readFileSync(file);
      try {
        return LedgerKey.fromFileContent(protector.unprotect(stored));
      } catch (error) {
        throw new LedgerKeyFormatError(`密钥文件 ${file} 无法读取：${(error as Error).message}`);
      }
    },
    save: (key) => writeOwnerOnly(file, protector.protect(key.raw())),
  };
}

/** The key a provider keeps, or null when it has none or cannot read it (opening the ledger says why, in words). */
export function keptKeyOrNull(keys: LedgerKeyProvider): LedgerKey | null {
  try {
    return keys.load();
  } catch {
    return null;
  }
}

/** A key given outright (a recovery key typed on the command line, a key handed to a worker thread). */
export function givenKey(key: LedgerKey, description = '命令行给出的恢复密钥'): LedgerKeyProvider {
  return {
    description,
    load: () => key,
    save: () => {
      // the key is already known; nothing to keep
    },
  };
}

/**
 * The key provider of plain Node (CLI, web harness, tests, bench): the file named by LEDGER_KEY_FILE, else
 * `ledger-key.bin` in the data folder.
 */
export function defaultKeyProvider(dataDir: string, env: NodeJS.ProcessEnv = process.env): LedgerKeyProvider {
  const file = env.LEDGER_KEY_FILE ? path.resolve(env.LEDGER_KEY_FILE) : path.join(dataDir, LEDGER_KEY_FILE_NAME);
  return keyFileProvider(file);
}
