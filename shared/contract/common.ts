import { z } from 'zod';
import { validateUscc } from '../validation/uscc';
import { isValidIsoDate } from '../validation/dates';

/** Reusable zod pieces with Chinese messages, so every form and handler says the same thing. */
export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });

export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))
    .or(z.null());

export const usccField = (label = '统一社会信用代码') =>
  z.string({ error: `请填写${label}` }).max(64, { error: `${label}应为 18 位` }).superRefine((value, ctx) => {
    const check = validateUscc(value);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
  });

export const isoDate = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .max(10, { error: `${label}不是有效日期（YYYY-MM-DD）` })
    .refine(isValidIsoDate, { error: `${label}不是有效日期（YYYY-MM-DD）` });

export const uuid = z.uuid({ error: '编号格式不正确' });

export const pageRequest = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
};

export const ok = z.object({ ok: z.literal(true) });
export const OK = { ok: true as const };
