import { z } from 'zod';
import { channel } from './channel';
import { ok } from './common';

/** Software updates (管理员): where they come from, checking, downloading, installing. */

export const updateSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('url'),
    url: z
      .string({ error: '请填写更新地址' })
      .trim()
      .max(1000, { error: '更新地址不能超过 1000 个字' })
      .regex(/^https?:\/\/[^\s]+$/i, { error: '更新地址须以 http:// 或 https:// 开头，例如 http://10.1.2.3/ledger-updates/' }),
  }),
  z.object({
    kind: z.literal('folder'),
    folder: z.string({ error: '请填写更新文件夹' }).trim().min(1, { error: '请填写更新文件夹' }).max(1000, { error: '更新文件夹路径不能超过 1000 个字' }),
  }),
]);
export type UpdateSource = z.infer<typeof updateSourceSchema>;

export const updateCheckSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('available'), version: z.string(), releaseNotes: z.string().nullable(), releaseDate: z.string().nullable() }),
  z.object({ status: z.literal('not-available'), version: z.string() }),
  z.object({ status: z.literal('downgrade-refused'), version: z.string() }),
]);
export type UpdateCheckResult = z.infer<typeof updateCheckSchema>;

export const updateChannels = {
  'update.status': channel({
    access: 'user',
    request: z.object({}).default({}),
    response: z.object({
      /** Only the desktop app can install updates; the web harness shows the settings alone. */
      supported: z.boolean(),
      currentVersion: z.string(),
      source: updateSourceSchema.nullable(),
      readyToInstall: z.boolean(),
    }),
  }),
  'update.setSource': channel({ access: 'user', request: z.object({ source: updateSourceSchema.nullable() }), response: ok }),
  'update.check': channel({ access: 'user', request: z.object({}).default({}), response: updateCheckSchema }),
  'update.download': channel({ access: 'user', request: z.object({}).default({}), response: z.object({ version: z.string() }) }),
  'update.installNow': channel({ access: 'user', request: z.object({}).default({}), response: ok }),
};
