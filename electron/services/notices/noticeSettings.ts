import type { ReadSql } from '../../db/database';
import type { NoticeSettings } from '../../../shared/contract/notices';
import { recordChange } from '../changes';
import { isoNow, type Actor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';

/** The administrator's notice settings, kept as `notice.*` keys of the settings table (seeded by migration 0016). */
const KEYS = { basis: 'notice.basis', periodDays: 'notice.periodDays', replyMethod: 'notice.replyMethod', cc: 'notice.cc' } as const;

/**
 * What an office has before its administrator saves anything: the 政策依据 seeded from the seeds' documents
 * (the State Council's, then the provincial and municipal ones), 30 days, the usual way of replying.
 */
export const NOTICE_SETTINGS_DEFAULTS: NoticeSettings = {
  basis: [
    '《国务院关于加强政务诚信建设的指导意见》（国发〔2016〕76号）',
    '《江苏省人民政府关于加强政务诚信建设的实施意见》（苏政发〔2023〕55号）',
    '《市政府关于做好政务诚信建设有关工作的通知》（宁政发〔2024〕89号）',
    '《关于进一步加强政务诚信建设的若干措施》（临发改信用〔2024〕295号）',
    '《广东省人民政府关于印发广东省加强政务系统诚信建设实施方案的通知》（粤府〔2017〕140号）',
  ],
  periodDays: 30,
  replyMethod: '书面报送整改情况报告（加盖单位公章），并附相关佐证材料',
  cc: '',
};

const value = (sql: ReadSql, key: string) => sql.get<{ value: string }>(`SELECT value FROM settings WHERE key = ?`, key)?.value ?? null;

export function readNoticeSettings(sql: ReadSql): NoticeSettings {
  const basis = value(sql, KEYS.basis);
  const period = value(sql, KEYS.periodDays);
  return {
    basis: basis === null ? NOTICE_SETTINGS_DEFAULTS.basis : (JSON.parse(basis) as string[]),
    periodDays: period === null ? NOTICE_SETTINGS_DEFAULTS.periodDays : Number(period),
    replyMethod: value(sql, KEYS.replyMethod) ?? NOTICE_SETTINGS_DEFAULTS.replyMethod,
    cc: value(sql, KEYS.cc) ?? NOTICE_SETTINGS_DEFAULTS.cc,
  };
}

/** The office's name and number prefix as the settings page keeps them. */
export function officeOf(sql: ReadSql): { name: string; uscc: string; prefix: string } {
  return { name: value(sql, 'office.name') ?? '', uscc: value(sql, 'office.uscc') ?? '', prefix: value(sql, 'office.noticePrefix') ?? '' };
}

export async function getNoticeSettings(deps: ServiceDeps): Promise<NoticeSettings> {
  return deps.db.read(readNoticeSettings);
}

export async function updateNoticeSettings(deps: ServiceDeps, actor: Actor, next: NoticeSettings): Promise<NoticeSettings> {
  requirePermission(actor, 'settings.manage');
  return deps.db.write((sql) => {
    const before = readNoticeSettings(sql);
    const stored: Record<keyof NoticeSettings, string> = {
      basis: JSON.stringify(next.basis), periodDays: String(next.periodDays), replyMethod: next.replyMethod, cc: next.cc,
    };
    for (const [field, key] of Object.entries(KEYS) as Array<[keyof NoticeSettings, string]>) {
      sql.run(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, stored[field]);
    }
    recordChange(sql, isoNow(deps), actor, { entity: 'settings', entityId: 'notices', action: 'update', before, after: next });
    return next;
  });
}
