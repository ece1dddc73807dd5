/**
 * The notices on the workbench (工作台): an issued notice whose deadline comes within 30 days is due soon, one past
 * its deadline with no reply is overdue, and each number's link opens the notices list on exactly those notices.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WORKBENCH_SOURCES } from '../../electron/services/catalog';
import { buildWorkbench } from '../../electron/services/ledger/workbench';
import { createNotice, listNotices, transitionNotice, updateNotice, applyNoticeDeadlines } from '../../electron/services/notices';
import { filtersFromAddress } from '../../renderer/src/components/list/filters';
import { createTestApp, type TestApp } from '../support/testApp';
import { commitment } from '../support/commitmentFixtures';
import { createCommitment } from '../../electron/services/commitments';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('the workbench across the ledgers', () => {
  it('due soon, then overdue; the links filter the list on what they count', async () => {
    let now = new Date(2026, 2, 5, 10);
    app = await createTestApp({ now: () => now });
    const issue = async (addressee: string, deadline: string) => {
      const d = await createNotice(app!.deps, app!.clerk, { sourceKind: 'blank' });
      const f = await updateNotice(app!.deps, app!.clerk, { id: d.id, expectedVersion: d.version, fields: { ...d, addressee, facts: '经查，……', deadline } });
      return (await transitionNotice(app!.deps, app!.reviewer, { id: f.id, expectedVersion: f.version, action: 'issue' })).id;
    };
    const soon = await issue('青禾村民委员会', '2026-03-20');
    await issue('白沙社区居民委员会', '2026-06-30'); // beyond the 30 days
    const bench = (userId: string | null) => app!.db.read((sql) => buildWorkbench(sql, WORKBENCH_SOURCES, { today: '2026-03-05', userId }));

    let w = await bench(null);
    expect(w.dueSoon.filter((e) => e.ledger === 'rectification_notice').map((e) => e.id)).toEqual([soon]);
    const noticeLedger = w.ledgers.find((l) => l.ledger === 'rectification_notice')!;
    expect(noticeLedger.dueSoon.count).toBe(1);
    expect(noticeLedger.statuses).toEqual([{ status: 'issued', label: '已发出', count: 2, link: '/notices?statuses=issued' }]);
    // the reviewer who issued them sees them as theirs; the clerk does not
    expect((await bench(app.reviewer.id)).dueSoon.some((e) => e.id === soon)).toBe(true);
    expect((await bench(app.clerk.id)).dueSoon.some((e) => e.ledger === 'rectification_notice')).toBe(false);

    // the due-soon link, read as the list page reads it, lists exactly that notice
    const [path, query] = noticeLedger.dueSoon.link.split('?');
    expect(path).toBe('/notices');
    const seeded = filtersFromAddress(
      [{ kind: 'choices', name: 'statuses', label: '', options: [] }, { kind: 'dateRange', name: 'deadline', label: '', from: 'deadlineFrom', to: 'deadlineTo' }],
      query,
    )!;
    const [from, to] = seeded.values.deadline as [string, string];
    const listed = await app.db.read((sql) => listNotices(sql, { statuses: seeded.values.statuses as never, deadlineFrom: from, deadlineTo: to, sortBy: 'deadline', sortOrder: 'asc', page: 1, pageSize: 50 }));
    expect(listed.items.map((n) => n.id)).toEqual([soon]);

    now = new Date(2026, 2, 21, 9);
    await applyNoticeDeadlines(app.deps);
    w = await app.db.read((sql) => buildWorkbench(sql, WORKBENCH_SOURCES, { today: '2026-03-21', userId: null }));
    expect(w.overdue.filter((e) => e.ledger === 'rectification_notice').map((e) => [e.id, e.statusLabel])).toEqual([[soon, '逾期']]);
  });

  it('public commitments: open ones due within 30 days, overdue ones; the due-soon link filters the list on them', async () => {
    app = await createTestApp({ now: () => new Date(2026, 2, 5, 10) });
    const soon = await createCommitment(app.deps, app.clerk, commitment({ title: '三十日内到期', dueOn: '2026-03-25' }));
    await createCommitment(app.deps, app.clerk, commitment({ title: '年底到期', dueOn: '2026-12-31' }));
    const late = await createCommitment(app.deps, app.clerk, commitment({ title: '已逾期', dueOn: '2026-02-28' }));
    const w = await app.db.read((sql) => buildWorkbench(sql, WORKBENCH_SOURCES, { today: '2026-03-05', userId: null }));
    expect(w.dueSoon.filter((e) => e.ledger === 'public_commitment').map((e) => e.id)).toEqual([soon.id]);
    expect(w.overdue.filter((e) => e.ledger === 'public_commitment').map((e) => e.id)).toEqual([late.id]);
    const ledger = w.ledgers.find((l) => l.ledger === 'public_commitment')!;
    expect([ledger.dueSoon.count, ledger.overdue.count]).toEqual([1, 1]);
    const seeded = filtersFromAddress(
      [{ kind: 'choices', name: 'statuses', label: '', options: [] }, { kind: 'dateRange', name: 'due', label: '', from: 'dueFrom', to: 'dueTo' }],
      ledger.dueSoon.link.split('?')[1],
    )!;
    expect(seeded.values).toEqual({ statuses: ['pending', 'performing'], due: ['2026-03-05', '2026-04-04'] });
  });
});
