import { recordChange } from '../changes';
import { isoNow, type Actor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';

/** The entity of the audit entries that say who looked at the recovery key. */
export const LEDGER_KEY_ENTITY = 'ledger_key';

/** How this installation's ledger is protected, for the settings page. */
export function encryptionStatus(deps: ServiceDeps, actor: Actor) {
  requirePermission(actor, 'settings.manage');
  return {
    database: 'SQLCipher 格式加密（AES-256，每页 HMAC-SHA1 校验）',
    attachments: 'AES-256-GCM（密钥由台账密钥派生，文件仍以原文的 SHA-256 命名）',
    keyKeptBy: deps.db.keyDescription,
  };
}

/**
 * The recovery key, for the administrator to print and lock away: with it the ledger (and its backups) opens
 * on any computer, so every showing is written to the audit log in the same transaction that reads it.
 */
export async function showRecoveryKey(deps: ServiceDeps, actor: Actor): Promise<{ recoveryKey: string; officeName: string | null; shownAt: string }> {
  requirePermission(actor, 'settings.manage');
  return deps.db.write((sql) => {
    const at = isoNow(deps);
    recordChange(sql, at, actor, { entity: LEDGER_KEY_ENTITY, entityId: 'recovery-key', action: 'showRecoveryKey', before: null, after: null });
    const officeName = sql.get<{ value: string }>(`SELECT value FROM settings WHERE key = 'office.name'`)?.value ?? null;
    return { recoveryKey: deps.db.key.recoveryKey, officeName, shownAt: at };
  });
}
