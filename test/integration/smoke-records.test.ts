import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecord, getRecord, queryRecords, transitionRecord } from '../../electron/services/records';
import { createTestApp, type TestApp } from '../support/testApp';
import { unitRecord } from '../support/recordFixtures';

let app: TestApp;
beforeEach(async () => { app = await createTestApp(); });
afterEach(async () => { await app.close(); });

describe('records smoke', () => {
  it('creates, approves and finds a record by a two-character substring', async () => {
    const created = await createRecord(app.deps, app.clerk, unitRecord());
    expect(created.status).toBe('verifying');
    const approved = await transitionRecord(app.deps, app.reviewer, { id: created.id, expectedVersion: 1, action: 'approve' });
    expect(approved.locked).toBe(true);
    const found = await queryRecords(app.deps, { search: '拖欠', page: 1, pageSize: 10, sortBy: 'updatedAt', sortOrder: 'desc' });
    expect(found.items.map((r) => r.id)).toEqual([created.id]);
    const none = await queryRecords(app.deps, { search: '欠拖', page: 1, pageSize: 10, sortBy: 'updatedAt', sortOrder: 'desc' });
    expect(none.total).toBe(0);
    const detail = await getRecord(app.deps, app.reviewer, created.id);
    expect(detail.versions.map((v) => v.action)).toEqual(['approve', 'create']);
  });
});
