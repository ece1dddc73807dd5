import { z } from 'zod';
import { channel } from './channel';

/** Backups and restore (管理员): the folder, how many to keep, the list, and restoring one. */

export const backupSettingsSchema = z.object({
  folder: z
    .string({ error: '请填写备份文件夹' })
    .trim()
    .min(1, { error: '请填写备份文件夹' })
    .max(1000, { error: '备份文件夹路径不能超过 1000 个字' })
    .nullable(),
  keep: z
    .number({ error: '请填写保留份数' })
    .int({ error: '保留份数必须是整数' })
    .min(1, { error: '保留份数至少为 1' })
    .max(365, { error: '保留份数不能超过 365' }),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const backupRowSchema = z.object({
  name: z.string(),
  bytes: z.number(),
  createdAt: z.string(),
  check: z.enum(['ok', 'unchecked', 'changed']),
  officeName: z.string().nullable(),
  reason: z.enum(['manual', 'automatic', 'before-restore', 'before-update']).nullable(),
  /** The audit chain's newest entry inside the backup (null: no log, or a backup from before this was kept). */
  auditHead: z.object({ seq: z.number(), hash: z.string() }).nullable(),
});
export type BackupRow = z.infer<typeof backupRowSchema>;

const backupName = z.string({ error: '请选择备份' }).max(100, { error: '备份名称不正确' }).regex(/^ledger-backup-[0-9TZ]+\.sqlite$/, { error: '备份名称不正确' });

export const backupChannels = {
  'backup.overview': channel({
    access: 'user',
    request: z.object({}).default({}),
    response: backupSettingsSchema.extend({
      folderExists: z.boolean(),
      /** The desktop app offers the system's folder picker; the web harness does not. */
      canChooseFolder: z.boolean(),
      backups: z.array(backupRowSchema),
      lastBackupAt: z.string().nullable(),
    }),
  }),
  'backup.updateSettings': channel({ access: 'user', request: backupSettingsSchema, response: backupSettingsSchema }),
  'backup.chooseFolder': channel({ access: 'user', request: z.object({}).default({}), response: z.object({ folder: z.string().nullable() }) }),
  'backup.run': channel({ access: 'user', request: z.object({}).default({}), response: backupRowSchema }),
  /** How far the backup under way has got (bytes of the copy written so far, of the ledger's size). */
  'backup.progress': channel({
    access: 'user',
    request: z.object({}).default({}),
    response: z.object({ running: z.boolean(), bytesDone: z.number(), bytesTotal: z.number() }),
  }),
  'backup.verify': channel({
    access: 'user',
    request: z.object({ name: backupName }),
    response: z.object({ ok: z.boolean(), problem: z.string().nullable() }),
  }),
  'backup.restore': channel({
    access: 'user',
    /** A backup of the folder by name, or any backup file by its full path (one brought on a USB stick). */
    request: z
      .object({ name: backupName.optional(), file: z.string().trim().max(1000, { error: '备份文件路径不能超过 1000 个字' }).optional() })
      .refine((r) => Boolean(r.name) !== Boolean(r.file), { error: '请选择一个要恢复的备份，或填写备份文件的完整路径', path: ['file'] }),
    response: z.object({ safetyCopy: z.string(), officeName: z.string().nullable() }),
  }),
};
