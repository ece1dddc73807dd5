import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { channel } from './channel';
import { OK, ok, requiredText, usccField } from './common';

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  /** Present (true) when signed in with a password someone else chose: nothing else is allowed until the user picks their own. */
  mustChangePassword: z.literal(true).optional(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const passwordField = (label = '密码') =>
  z
    .string({ error: `请填写${label}` })
    .min(8, { error: `${label}至少 8 位` })
    .max(128, { error: `${label}不能超过 128 位` });

/** A password typed to sign in or unlock: any length a stored password can have (never longer). */
const enteredPassword = (label: string) =>
  z.string({ error: `请填写${label}` }).min(1, { error: `请填写${label}` }).max(128, { error: `${label}不能超过 128 位` });

export const usernameField = z
  .string({ error: '请填写登录名' })
  .trim()
  .min(2, { error: '登录名至少 2 个字符' })
  .max(32, { error: '登录名不能超过 32 个字符' })
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fa5]+$/, { error: '登录名只能包含汉字、字母、数字、下划线、点和连字符' });

export const officeSchema = z.object({
  officeName: requiredText('单位名称', 100),
  officeUscc: usccField('单位统一社会信用代码'),
  noticePrefix: requiredText('文号前缀', 20),
});

export const sessionChannels = {
  /** What the window needs to decide which screen to show. */
  'system.status': channel({
    access: 'public',
    request: z.object({}).default({}),
    response: z.object({
      setupRequired: z.boolean(),
      officeName: z.string().nullable(),
      appVersion: z.string(),
      user: sessionUserSchema.nullable(),
      locked: z.boolean(),
      idleLockMinutes: z.number(),
    }),
  }),
  'setup.initialize': channel({
    access: 'public',
    request: officeSchema.extend({
      adminUsername: usernameField,
      adminDisplayName: requiredText('管理员姓名', 50),
      adminPassword: passwordField('管理员密码'),
    }),
    response: ok,
  }),
  'auth.login': channel({
    access: 'public',
    request: z.object({ username: z.string().trim().min(1, { error: '请填写登录名' }).max(64, { error: '登录名不能超过 64 个字符' }), password: enteredPassword('密码') }),
    response: sessionUserSchema,
  }),
  'auth.logout': channel({ access: 'public', request: z.object({}).default({}), response: ok }),
  /** The renderer reports user activity (keys, mouse) at most every 30 s; idle time is measured on the server side. */
  'auth.touch': channel({ access: 'user', request: z.object({}).default({}), response: ok }),
  /** idle: the window locked itself after the idle time (logged as such), not the user by hand. */
  'auth.lock': channel({ access: 'user', request: z.object({ idle: z.boolean().optional() }).default({}), response: ok }),
  'auth.unlock': channel({
    access: 'public',
    request: z.object({ password: enteredPassword('密码') }),
    response: sessionUserSchema,
  }),
  'auth.changePassword': channel({
    access: 'user',
    request: z.object({ currentPassword: enteredPassword('当前密码'), newPassword: passwordField('新密码') }),
    response: ok,
  }),
} as const;

export { OK };
