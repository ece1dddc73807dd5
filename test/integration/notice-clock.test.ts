/**
 * 逾期 happens by itself: the derived-states schedule (started by openApp with every ledger's runner) applies the deadlines at start and again just
 * after local midnight, as versions by the system — with no user action in between.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNotice, getNotice, transitionNotice, updateNotice } from '../../electron/services/notices';
import { scheduleDerivedStates } from '../../electron/services/ledger/derivedSchedule';
import { NOTICE_DERIVED_RUNNER } from '../../electron/services/notices/noticesService';
import { createTestApp, type TestApp } from '../support/testApp';

let app: TestApp | null = null;
afterEach(async () => {
  vi.useRealTimers();
  await app?.close();
  app = null;
});

const local = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => new Date(y, m - 1, d, h, min, s);

describe('the notices clock', () => {
  it('makes an issued notice 逾期 at start when its deadline has passed, and after midnight when it passes that night', async () => {
    let now = local(2026, 3, 5, 10);
    app = await createTestApp({ now: () => now });
    const issue = async (deadline: string) => {
      const d = await createNotice(app!.deps, app!.clerk, { sourceKind: 'blank' });
      const f = await updateNotice(app!.deps, app!.clerk, { id: d.id, expectedVersion: d.version, fields: { ...d, addressee: '某某村民委员会', facts: '经查，……', deadline } });
      return (await transitionNotice(app!.deps, app!.reviewer, { id: f.id, expectedVersion: f.version, action: 'issue' })).id;
    };
    const early = await issue('2026-03-06');
    const late = await issue('2026-03-08');
    const status = async (id: string) => (await getNotice(app!.deps, id)).notice.status;

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    now = local(2026, 3, 7, 9); // the app starts two days later
    const clock = scheduleDerivedStates(app.deps, [NOTICE_DERIVED_RUNNER]);
    await vi.waitFor(async () => expect(await status(early)).toBe('overdue'));
    expect(await status(late)).toBe('issued');

    now = local(2026, 3, 8, 23, 59, 30); // the last day of the second deadline: still due
    await vi.advanceTimersByTimeAsync(0);
    expect(await status(late)).toBe('issued');
    now = local(2026, 3, 9, 0, 0, 10); // past midnight
    await vi.advanceTimersByTimeAsync(2 * 24 * 3600 * 1000);
    await vi.waitFor(async () => expect(await status(late)).toBe('overdue'));
    const { versions } = await getNotice(app.deps, late);
    expect(versions[0]).toMatchObject({ author: 'system', statusAfter: 'overdue' });
    clock.stop();
  });
});
