import type { WriteSql } from '../../db/database';
import type { ServiceDeps, Actor } from '../context';
import { isoNow } from '../context';
import { validationError } from '../../../shared/contract/errors';
import { MAX_DRAFTS_PER_USER } from '../../../shared/contract/bounds';

/**
 * Form drafts: what a clerk has typed but not saved, kept per user and form so that closing the window
 * or the app loses nothing. Drafts are scratch, not ledger changes: they are neither audited nor uploaded.
 */
export async function saveDraft(deps: ServiceDeps, actor: Actor, key: string, data: unknown): Promise<void> {
  await deps.db.write((sql) => {
    const isNew = sql.get(`SELECT 1 FROM form_drafts WHERE user_id = ? AND key = ?`, actor.id, key) === undefined;
    const kept = sql.get<{ n: number }>(`SELECT count(*) AS n FROM form_drafts WHERE user_id = ?`, actor.id)!.n;
    if (isNew && kept >= MAX_DRAFTS_PER_USER) throw validationError('key', `未保存的草稿已有 ${kept} 份（最多 ${MAX_DRAFTS_PER_USER} 份），请先保存或放弃一些`);
    sql.run(
      `INSERT INTO form_drafts (user_id, key, data_json, saved_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id, key) DO UPDATE SET data_json = excluded.data_json, saved_at = excluded.saved_at`,
      actor.id, key, JSON.stringify(data ?? null), isoNow(deps),
    );
  });
}

export async function getDraft(deps: ServiceDeps, actor: Actor, key: string): Promise<{ data: unknown; savedAt: string } | null> {
  const row = await deps.db.read((sql) =>
    sql.get<{ data_json: string; saved_at: string }>(`SELECT data_json, saved_at FROM form_drafts WHERE user_id = ? AND key = ?`, actor.id, key),
  );
  return row ? { data: JSON.parse(row.data_json), savedAt: row.saved_at } : null;
}

export async function discardDraft(deps: ServiceDeps, actor: Actor, key: string): Promise<void> {
  await deps.db.write((sql) => {
    sql.run(`DELETE FROM form_drafts WHERE user_id = ? AND key = ?`, actor.id, key);
  });
}

/** In an entity's save transaction: the form's draft (saved with its key) goes with the save. */
export function discardDraftInTx(sql: WriteSql, actor: Actor, key: string | undefined): void {
  if (key) sql.run(`DELETE FROM form_drafts WHERE user_id = ? AND key = ?`, actor.id, key);
}
