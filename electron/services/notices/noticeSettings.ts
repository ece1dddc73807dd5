import type { ReadSql } from '../../db/database';
import type { NoticeSettings } from '../../../shared/contract/notices';
import { recordChange } from '../changes';
import { isoNow, type Actor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';

/** The administrator's notice settings, kept as `notice.*` keys of the settings table (seeded by migration 0016). */
const KEYS = { basis: 'notice.basis', periodDays: 'notice.periodDays', replyMethod: 'notice.replyMethod', cc: 'notice.cc' } as const;

const value = (sql: ReadSql, key: string) => sql.get<{ value: string }>(`SELECT value FROM settings WHERE key = ?`, key)?.value ?? null;

export function readNoticeSettings(sql: ReadSql): NoticeSettings {
  return {
    basis: JSON.parse(value(sql, KEYS.basis) ?? '[]') as string[],
    periodDays: Number(value(sql, KEYS.periodDays) ?? 30),
    replyMethod: value(sql, KEYS.replyMethod) ?? '',
    cc: value(sql, KEYS.cc) ?? '',
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
