import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { channel } from './channel';
import { isoDate, ok, pageRequest, requiredText, uuid } from './common';
import { officeSchema, passwordField, usernameField } from './session';
import { boundedJson, boundedText, DRAFT_BOUNDS } from './bounds';

export const userRowSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  /** The password was set by an administrator (new user, reset) and must be changed at the next sign-in. */
  mustChangePassword: z.boolean(),
  /** Locked after repeated wrong passwords, until this instant; null when not locked (given by users.list). */
  lockedUntil: z.string().nullable().optional(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type UserRow = z.infer<typeof userRowSchema>;

export const settingsSchema = officeSchema.extend({
  idleLockMinutes: z.number({ error: '请填写空闲锁定时间' }).int().min(1, { error: '空闲锁定时间至少 1 分钟' }).max(240, { error: '空闲锁定时间不能超过 240 分钟' }),
});
export type Settings = z.infer<typeof settingsSchema>;

/** One changed field, labelled and formatted for a reviewer (money in 元, masked identity numbers, local times). */
export const auditChangeSchema = z.object({
  field: z.string(),
  label: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type AuditChange = z.infer<typeof auditChangeSchema>;

/** An audit entry as the log shows it: what it is about (named, with its page), who, and what changed. */
export const auditEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  entity: z.string(),
  entityLabel: z.string(),
  entityId: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  /** e.g. 某某公司（某认字〔2024〕1号）; null when nothing names it. */
  subject: z.string().nullable(),
  /** The object's page (hash-router path), when it has one. */
  link: z.string().nullable(),
  changes: z.array(auditChangeSchema),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditProblemSchema = z.object({
  seq: z.number(),
  /** Chain problems (edited … truncated), an emptied log, and rows that differ from their latest audited snapshot. */
  kind: z.enum(['edited', 'inserted', 'deleted', 'truncated', 'emptied', 'rowChanged', 'rowWithoutAudit', 'rowDeleted']),
  message: z.string(),
});
export const auditVerifySchema = z.object({ ok: z.boolean(), checked: z.number(), problems: z.array(auditProblemSchema) });
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;

const draftKey = z.string({ error: '缺少草稿名' }).min(1, { error: '缺少草稿名' }).max(200, { error: '草稿名不能超过 200 个字符' });

export const adminChannels = {
  'users.list': channel({ access: 'user', request: z.object({}).default({}), response: z.array(userRowSchema) }),
  'users.create': channel({
    access: 'user',
    request: z.object({
      username: usernameField,
      displayName: requiredText('姓名', 50),
      role: z.enum(ROLES, { error: '请选择角色' }),
      password: passwordField('初始密码'),
    }),
    response: userRowSchema,
  }),
  'users.setDisabled': channel({
    access: 'user',
    request: z.object({ id: uuid, disabled: z.boolean() }),
    response: userRowSchema,
  }),
  'users.resetPassword': channel({
    access: 'user',
    request: z.object({ id: uuid, password: passwordField('新密码') }),
    response: userRowSchema,
  }),
  'users.setRole': channel({
    access: 'user',
    request: z.object({ id: uuid, role: z.enum(ROLES, { error: '请选择角色' }) }),
    response: userRowSchema,
  }),
  'settings.get': channel({ access: 'user', request: z.object({}).default({}), response: settingsSchema }),
  'settings.update': channel({ access: 'user', request: settingsSchema, response: settingsSchema }),
  'audit.list': channel({
    access: 'user',
    request: z.object({
      ...pageRequest,
      entity: boundedText('对象', 50).optional(),
      entityId: boundedText('对象编号', 100).optional(),
      action: boundedText('操作', 50).optional(),
      userId: boundedText('用户', 50).optional(),
      from: isoDate('开始日期').optional(),
      to: isoDate('结束日期').optional(),
    }),
    response: z.object({ items: z.array(auditEntrySchema), total: z.number() }),
  }),
  'audit.verify': channel({ access: 'user', request: z.object({}).default({}), response: auditVerifySchema }),
  'drafts.get': channel({
    access: 'user',
    request: z.object({ key: draftKey }),
    response: z.object({ data: z.unknown(), savedAt: z.string() }).nullable(),
  }),
  'drafts.save': channel({
    access: 'user',
    request: z.object({ key: draftKey, data: boundedJson('草稿', DRAFT_BOUNDS) }),
    response: ok,
  }),
  'drafts.discard': channel({ access: 'user', request: z.object({ key: draftKey }), response: ok }),
} as const;
