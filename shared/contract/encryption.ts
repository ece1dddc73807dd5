import { z } from 'zod';
import { channel } from './channel';

/** Encryption at rest (管理员): how the ledger is protected, and its recovery key. */
export const encryptionChannels = {
  'encryption.status': channel({
    access: 'user',
    request: z.object({}).default({}),
    response: z.object({
      /** The database's cipher, in words. */
      database: z.string(),
      attachments: z.string(),
      /** Where this computer keeps the key (safeStorage, or a key file), in words. */
      keyKeptBy: z.string(),
    }),
  }),
  /** The recovery key (the ledger key as 16 groups of 4 hexadecimal digits); each showing is in the audit log. */
  'encryption.recoveryKey': channel({
    access: 'user',
    request: z.object({}).default({}),
    response: z.object({ recoveryKey: z.string(), officeName: z.string().nullable(), shownAt: z.string() }),
  }),
};
