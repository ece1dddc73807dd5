import fs from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { writeOwnerOnly, type KeyProtector } from '../db/keyAtRest';
import { privateKeyFromPkcs8 } from './protocol';

/**
 * The device's private key at rest where no real key store protects it (plain Node): the key's bytes as they
 * are, in a file that only the user who runs the program may read (mode 0600).
 */
export const OWNER_ONLY_FILE: KeyProtector = {
  description: '数据目录中仅本用户可读的文件（权限 0600）',
  protect: (secret) => secret,
  unprotect: (stored) => stored,
};

export const DEVICE_KEY_FILE = 'device-key.bin';

/** The device's Ed25519 key in the data folder: made at enrolment, never leaves the machine. */
export class DeviceKeyStore {
  constructor(
    private readonly dataDir: string,
    private readonly protector: KeyProtector = OWNER_ONLY_FILE,
  ) {}

  get file(): string {
    return path.join(this.dataDir, DEVICE_KEY_FILE);
  }

  get description(): string {
    return this.protector.description;
  }

  /** Keep the private key (protected, owner-only), replacing any earlier one only once it is written. */
  save(privateKey: KeyObject): void {
    writeOwnerOnly(this.file, this.protector.protect(privateKey.export({ format: 'der', type: 'pkcs8' })));
  }

  load(): KeyObject | null {
    if (!fs.existsSync(this.file)) return null;
    return privateKeyFromPkcs8(this.protector.unprotect(fs.readFileSync(this.file)));
  }
}
