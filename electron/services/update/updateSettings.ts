import fs from 'node:fs';
import path from 'node:path';
import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import type { UpdateSource } from '../../../shared/contract/update';
import type { ReadSql } from '../../db/database';
import { recordChange } from '../changes';
import { isoNow, type Actor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';

/** The administrator's update source, kept in the ledger's settings (and its change in the audit log). */
const KEY = 'update.source';

export function readUpdateSource(sql: ReadSql): UpdateSource | null {
  const value = sql.get<{ value: string }>(`SELECT value FROM settings WHERE key = ?`, KEY)?.value;
  return value ? (JSON.parse(value) as UpdateSource) : null;
}

export async function setUpdateSource(deps: ServiceDeps, actor: Actor, source: UpdateSource | null): Promise<void> {
  requirePermission(actor, 'settings.manage');
  if (source?.kind === 'folder') {
    if (!path.isAbsolute(source.folder)) throw new AppError(ERROR_CODES.validation, '更新文件夹须是完整路径（例如 E:\\台账更新）', 'folder');
    if (!fs.existsSync(source.folder)) throw new AppError(ERROR_CODES.validation, `更新文件夹不存在：${source.folder}（U 盘或网络共享是否已连接？）`, 'folder');
  }
  await deps.db.write((sql) => {
    const before = readUpdateSource(sql);
    if (source) sql.run(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, KEY, JSON.stringify(source));
    else sql.run(`DELETE FROM settings WHERE key = ?`, KEY);
    recordChange(sql, isoNow(deps), actor, { entity: 'settings', entityId: 'update', action: 'update', before, after: source });
  });
}
