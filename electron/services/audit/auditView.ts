import type { ReadSql } from '../../db/database';
import type { AuditEntry } from '../../../shared/contract/admin';
import { AUDIT_ENTITIES, auditActionLabel, auditEntityLabel, type AuditSnapshot } from '../../../shared/domain/auditDescriptions';
import { describeAuditChanges } from '../../../shared/domain/auditFormat';
import { latestEntriesOf, type StoredAuditEntry } from './auditLog';

/**
 * Audit entries as a reviewer reads them, driven by the per-entity descriptions in shared/domain: the
 * object named (a record by its subject and document number) and linked to its page, and the changed
 * fields with Chinese labels and formatted values — never the stored JSON itself.
 */
interface Subject {
  name: string | null;
  link: string | null;
}

const snapshotOf = (entry: Pick<StoredAuditEntry, 'before' | 'after'>): AuditSnapshot =>
  ((entry.after ?? entry.before ?? {}) as AuditSnapshot);

export function describeAuditEntries(sql: ReadSql, entries: StoredAuditEntry[]): AuditEntry[] {
  const known = new Map<string, Subject>();

  /** Name and page of an object; an entry that stored nothing to name it by is named by the object's latest entry that did. */
  function subjectOf(entity: string, entityId: string, stored: AuditSnapshot): Subject {
    const description = AUDIT_ENTITIES[entity];
    if (!description) return { name: null, link: null };
    let snapshot = stored;
    if (description.name && description.name(snapshot, entityId) === null) {
      const key = `${entity}\u0000${entityId}`;
      const cached = known.get(key);
      if (cached) return cached;
      snapshot = latestEntriesOf(sql, entity, entityId).map(snapshotOf).find((s) => description.name!(s, entityId) !== null) ?? stored;
      const subject = subjectOf(entity, entityId, snapshot);
      known.set(key, subject);
      return subject;
    }
    const own: Subject = { name: description.name?.(snapshot, entityId) ?? null, link: description.link?.(entityId, snapshot) ?? null };
    const parentRef = description.parent?.(snapshot);
    if (!parentRef) return own;
    const parent = subjectOf(parentRef.entity, parentRef.id, {});
    return { name: [parent.name, own.name].filter(Boolean).join(' · ') || null, link: parent.link ?? own.link };
  }

  return entries.map((e) => {
    const subject = subjectOf(e.entity, e.entityId, snapshotOf(e));
    return {
      seq: e.seq,
      at: e.at,
      userId: e.userId,
      userName: e.userName,
      entity: e.entity,
      entityLabel: auditEntityLabel(e.entity),
      entityId: e.entityId,
      action: e.action,
      actionLabel: auditActionLabel(e.entity, e.action),
      subject: subject.name,
      link: subject.link,
      changes: describeAuditChanges(e.entity, e.before, e.after),
      hash: e.hash,
    };
  });
}
