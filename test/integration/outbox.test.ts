import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordChange } from '../../electron/services/changes';
import { verifyAuditChain } from '../../electron/services/audit/auditLog';
import { listPendingUploads } from '../../electron/services/outbox/outbox';
import { addRecordAttachment, createRecord, getRecord, queryRecords, transitionRecord, updateRecord } from '../../electron/services/records';
import { updateSettings } from '../../electron/services/settings/settingsService';
import { createUser } from '../../electron/services/users/usersService';
import { recordFieldsSchema } from '../../shared/domain/recordSchema';
import { TEST_OFFICE, TEST_PASSWORD, createTestApp, type TestApp } from '../support/testApp';
import { nextDocNumber, personRecord, unitRecord } from '../support/recordFixtures';

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(async () => {
  await app.close();
});

const outboxRows = () =>
  app.db.read((sql) =>
    sql.all<{ seq: number; kind: string; item_id: string; version: number; op: string; updated_at: string; data_json: string; state: string }>(
      `SELECT * FROM outbox ORDER BY seq`,
    ),
  );
const count = (table: string) => app.db.read((sql) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)!.n);
const versionSnapshot = (id: string, version: number) =>
  app.db.read((sql) => JSON.parse(sql.get<{ snapshot_json: string }>(`SELECT snapshot_json FROM record_versions WHERE entity_id = ? AND version = ?`, id, version)!.snapshot_json));
const search = (term: string) => queryRecords(app.deps, { search: term, page: 1, pageSize: 50, sortBy: 'updatedAt', sortOrder: 'desc' });

describe('every record change queues one upload', () => {
  it('create, edit, approve, correct, transition: one upsert each, versions 1, 2, 3 …, data = the snapshot', async () => {
    expect(await outboxRows()).toEqual([]);
    const created = await createRecord(app.deps, app.clerk, unitRecord());
    const edited = await updateRecord(app.deps, app.clerk, { id: created.id, expectedVersion: 1, fields: unitRecord({ facts: '补充了失信事实的细节描述' }) });
    const approved = await transitionRecord(app.deps, app.reviewer, { id: created.id, expectedVersion: 2, action: 'approve' });
    const corrected = await updateRecord(app.deps, app.reviewer, { id: created.id, expectedVersion: 3, fields: unitRecord({ facts: '补充了失信事实的细节描述', amountFen: 500 }), reason: '金额有误' });
    const rectifying = await transitionRecord(app.deps, app.reviewer, { id: created.id, expectedVersion: 4, action: 'startRectification', reason: '限期整改', date: '2099-01-01' });

    const rows = await outboxRows();
    expect(rows.map((r) => [r.kind, r.item_id, r.version, r.op, r.state])).toEqual([
      ['dishonesty_record', created.id, 1, 'upsert', 'pending'],
      ['dishonesty_record', created.id, 2, 'upsert', 'pending'],
      ['dishonesty_record', created.id, 3, 'upsert', 'pending'],
      ['dishonesty_record', created.id, 4, 'upsert', 'pending'],
      ['dishonesty_record', created.id, 5, 'upsert', 'pending'],
    ]);
    const details = [created, edited, approved, corrected, rectifying];
    for (const [i, row] of rows.entries()) {
      const data = JSON.parse(row.data_json);
      expect(data).toEqual(await versionSnapshot(created.id, i + 1));
      expect(row.updated_at).toBe(details[i].updatedAt);
      expect(data.status).toBe(details[i].status);
      expect(data.locked).toBe(details[i].locked);
    }
    expect(JSON.parse(rows[1].data_json).facts).toBe('补充了失信事实的细节描述');
    expect(JSON.parse(rows[3].data_json).amountFen).toBe(500);
    expect(JSON.parse(rows[4].data_json)).toMatchObject({ status: 'rectifying', locked: true });

    const pending = await app.db.read((sql) => listPendingUploads(sql));
    expect(pending.map((p) => p.version)).toEqual([1, 2, 3, 4, 5]);
    expect(pending[4]).toEqual({ kind: 'dishonesty_record', id: created.id, version: 5, op: 'upsert', updatedAt: rectifying.updatedAt, data: JSON.parse(rows[4].data_json) });
    expect(await app.db.read((sql) => listPendingUploads(sql).length)).toBe(5);
  });

  it('the data of an upload passes the record schema the platform validates with, with the full identity number', async () => {
    const created = await createRecord(app.deps, app.clerk, personRecord());
    const [item] = await app.db.read((sql) => listPendingUploads(sql));
    expect(item.id).toBe(created.id);
    const parsed = recordFieldsSchema.safeParse(item.data);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect((item.data as { personIdNumber: string }).personIdNumber).toBe(personRecord().personIdNumber);
  });

  it('versions count per record, not globally', async () => {
    const a = await createRecord(app.deps, app.clerk, unitRecord());
    const b = await createRecord(app.deps, app.clerk, unitRecord({ docNumber: nextDocNumber() }));
    await transitionRecord(app.deps, app.reviewer, { id: b.id, expectedVersion: 1, action: 'approve' });
    await transitionRecord(app.deps, app.reviewer, { id: a.id, expectedVersion: 1, action: 'reject', reason: '经核实不属实' });
    expect((await outboxRows()).map((r) => [r.item_id, r.version])).toEqual([[a.id, 1], [b.id, 1], [b.id, 2], [a.id, 2]]);
  });

  it('refused changes, users, settings and attachments queue nothing', async () => {
    const created = await createRecord(app.deps, app.clerk, unitRecord());
    const before = await outboxRows();
    await transitionRecord(app.deps, app.clerk, { id: created.id, expectedVersion: 1, action: 'approve' }).catch(() => undefined);
    await updateRecord(app.deps, app.clerk, { id: created.id, expectedVersion: 7, fields: unitRecord() }).catch(() => undefined);
    await transitionRecord(app.deps, app.reviewer, { id: created.id, expectedVersion: 1, action: 'reject' }).catch(() => undefined);
    await createUser(app.deps, app.admin, { username: 'clerk2', displayName: '赵录入', role: 'clerk', password: TEST_PASSWORD });
    await updateSettings(app.deps, app.admin, { ...TEST_OFFICE, idleLockMinutes: 20 });
    await addRecordAttachment(app.deps, app.clerk, created.id, 'a.txt', Buffer.from('evidence'));
    expect(await outboxRows()).toEqual(before);
  });
});

describe('a change, its audit entry and its upload commit together or not at all', () => {
  it('a write that appends audit + outbox and then throws leaves neither', async () => {
    const audit = await count('audit_log');
    const head = await app.db.read((sql) => sql.get<{ value: string }>(`SELECT value FROM settings WHERE key = 'audit.head'`)!.value);
    await expect(
      app.db.write((sql) => {
        recordChange(sql, new Date().toISOString(), app.admin,
          { entity: 'dishonesty_record', entityId: 'x', action: 'create', before: null, after: { a: 1 } },
          { kind: 'dishonesty_record', id: 'x', version: 1, op: 'upsert', updatedAt: new Date().toISOString(), data: { a: 1 } });
        expect(sql.get<{ n: number }>(`SELECT count(*) AS n FROM outbox`)!.n).toBe(1); // it was written …
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await count('outbox')).toBe(0); // … and rolled back
    expect(await count('audit_log')).toBe(audit);
    expect(await app.db.read((sql) => sql.get<{ value: string }>(`SELECT value FROM settings WHERE key = 'audit.head'`)!.value)).toBe(head);
    expect((await app.db.read((sql) => verifyAuditChain(sql))).ok).toBe(true);
  });

  it('an async write that fails after awaiting rolls back too, and the next write works', async () => {
    await expect(
      app.db.write(async (sql) => {
        recordChange(sql, new Date().toISOString(), app.admin,
          { entity: 'x', entityId: 'x', action: 'x', before: null, after: null },
          { kind: 'dishonesty_record', id: 'x', version: 1, op: 'upsert', updatedAt: 'now', data: {} });
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error('late failure');
      }),
    ).rejects.toThrow('late failure');
    expect(await count('outbox')).toBe(0);
    const created = await createRecord(app.deps, app.clerk, unitRecord());
    expect((await outboxRows()).map((r) => r.item_id)).toEqual([created.id]);
    expect((await app.db.read((sql) => verifyAuditChain(sql))).ok).toBe(true);
  });

  describe('when the upload cannot be queued, the service call leaves nothing behind', () => {
    const failOutbox = () =>
      app.db.connection.exec(`CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox refused'); END`);

    it('create: no record, no version, no search entry, no audit entry', async () => {
      const audit = await count('audit_log');
      failOutbox();
      await expect(createRecord(app.deps, app.clerk, unitRecord({ unitName: '独一无二测试单位' }))).rejects.toThrow(/outbox refused/);
      expect(await count('dishonesty_records')).toBe(0);
      expect(await count('record_versions')).toBe(0);
      expect(await count('audit_log')).toBe(audit);
      expect(await count('outbox')).toBe(0);
      expect((await search('独一无二')).total).toBe(0);
      expect(await app.db.read((sql) => sql.all(`SELECT rowid FROM record_search`))).toEqual([]);
      expect((await app.db.read((sql) => verifyAuditChain(sql))).ok).toBe(true);
    });

    it('update and transition: the record stays as it was, still found by its old words', async () => {
      const created = await createRecord(app.deps, app.clerk, unitRecord());
      const audit = await count('audit_log');
      failOutbox();
      await expect(
        updateRecord(app.deps, app.clerk, { id: created.id, expectedVersion: 1, fields: unitRecord({ facts: '桥梁维护费用长期拖欠' }) }),
      ).rejects.toThrow(/outbox refused/);
      await expect(transitionRecord(app.deps, app.reviewer, { id: created.id, expectedVersion: 1, action: 'approve' })).rejects.toThrow(/outbox refused/);

      const detail = await getRecord(app.deps, app.reviewer, created.id);
      expect(detail.record).toMatchObject({ version: 1, status: 'verifying', locked: false, facts: unitRecord().facts, approvedAt: null });
      expect(detail.versions.map((v) => v.version)).toEqual([1]);
      expect(await count('audit_log')).toBe(audit);
      expect(await count('outbox')).toBe(1);
      expect((await search('修缮')).total).toBe(1);
      expect((await search('桥梁')).total).toBe(0);

      app.db.connection.exec(`DROP TRIGGER outbox_fails`);
      const approved = await transitionRecord(app.deps, app.reviewer, { id: created.id, expectedVersion: 1, action: 'approve' });
      expect(approved.version).toBe(2);
      expect((await outboxRows()).map((r) => r.version)).toEqual([1, 2]);
    });

    it('with the outbox table gone (renamed), a create fails cleanly too', async () => {
      const audit = await count('audit_log');
      app.db.connection.exec(`ALTER TABLE outbox RENAME TO outbox_away`);
      await expect(createRecord(app.deps, app.clerk, unitRecord())).rejects.toThrow();
      app.db.connection.exec(`ALTER TABLE outbox_away RENAME TO outbox`);
      expect(await count('dishonesty_records')).toBe(0);
      expect(await count('audit_log')).toBe(audit);
      const created = await createRecord(app.deps, app.clerk, unitRecord());
      expect((await outboxRows()).map((r) => r.item_id)).toEqual([created.id]);
    });
  });
});
