import type { ReadSql, WriteSql } from '../../db/database';
import { ENTITY_KINDS, type UploadKind } from '../../../shared/domain/entityKinds';
import type { Actor } from '../context';

/**
 * One entity made from another in one step (an overdue commitment → its dishonesty record; later a notice
 * drafted from either), kept as a link both ledgers read: each shows the other (with the label it had when
 * the link was made) without reading the other ledger's table.
 */
export interface EntityRef {
  kind: UploadKind;
  id: string;
  /** How the entity is named on the other side (its unit, title, number…). */
  label: string;
}

export interface LinkedEntity extends EntityRef {
  relation: string;
  /** made: this entity made the other; madeFrom: this entity was made from the other. */
  direction: 'made' | 'madeFrom';
  kindLabel: string;
  route: string | null;
  at: string;
}

/** Record the link in the caller's transaction (the transaction that makes the new entity). */
export function addLink(sql: WriteSql, at: string, actor: Actor, from: EntityRef, to: EntityRef, relation: string): void {
  sql.run(
    `INSERT INTO entity_links (from_kind, from_id, to_kind, to_id, relation, from_label, to_label, at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    from.kind, from.id, to.kind, to.id, relation, from.label, to.label, at, actor.id,
  );
}

interface LinkRow { from_kind: UploadKind; from_id: string; to_kind: UploadKind; to_id: string; relation: string; from_label: string; to_label: string; at: string }

const linked = (kind: UploadKind, id: string, label: string, relation: string, direction: LinkedEntity['direction'], at: string): LinkedEntity => ({
  kind, id, label, relation, direction, at, kindLabel: ENTITY_KINDS[kind].label, route: ENTITY_KINDS[kind].route ? `${ENTITY_KINDS[kind].route}/${id}` : null,
});

/** Every entity linked to this one, either way, oldest first. */
export function linksOf(sql: ReadSql, kind: UploadKind, id: string): LinkedEntity[] {
  const made = sql.all<LinkRow>(`SELECT * FROM entity_links WHERE from_kind = ? AND from_id = ? ORDER BY seq`, kind, id)
    .map((l) => linked(l.to_kind, l.to_id, l.to_label, l.relation, 'made', l.at));
  const madeFrom = sql.all<LinkRow>(`SELECT * FROM entity_links WHERE to_kind = ? AND to_id = ? ORDER BY seq`, kind, id)
    .map((l) => linked(l.from_kind, l.from_id, l.from_label, l.relation, 'madeFrom', l.at));
  return [...madeFrom, ...made];
}

/** The entities of `toKind` this one made under `relation` (a commitment's record). */
export function madeFrom(sql: ReadSql, from: { kind: UploadKind; id: string }, relation: string): Array<{ id: string; label: string }> {
  return sql.all<{ id: string; label: string }>(
    `SELECT to_id AS id, to_label AS label FROM entity_links WHERE from_kind = ? AND from_id = ? AND relation = ? ORDER BY seq`, from.kind, from.id, relation,
  );
}
