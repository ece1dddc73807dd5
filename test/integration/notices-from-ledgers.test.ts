/**
 * A 限期整改通知书 from an overdue investment-promise item or an overdue public commitment (issue 10 §1: the other
 * ledgers join through the notices' source entry point). For an item the department that owes is the addressee
 * and the unpaid amount the amount; for a commitment the committing unit. What is not overdue is refused, and
 * the source's page finds its notices again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DERIVED_RUNNERS } from '../../electron/services/catalog';
import { runDerivedStates } from '../../electron/services/ledger/derivedSchedule';
import { createNotice, noticesForSource } from '../../electron/services/notices';
import { createProject, getProject, recordPayment } from '../../electron/services/promises';
import { errorOf } from '../support/errors';
import { projectInput } from '../support/promiseFixtures';
import { commitment } from '../support/commitmentFixtures';
import { createCommitment } from '../../electron/services/commitments';
import { createTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
let clock: Date;
beforeEach(async () => {
  clock = new Date('2026-02-20T10:00:00');
  app = await createTestApp({ now: () => clock });
});
afterEach(async () => app.close());

describe('notices from promise items', () => {
  it('an overdue item drafts a notice to its department with what is unpaid; the project\'s page lists it', async () => {
    const project = await createProject(app.deps, app.clerk, projectInput(app.clerk.id));
    const item = project.items[0];
    await recordPayment(app.deps, app.clerk, { projectId: project.id, expectedVersion: 1, itemId: item.id, paidOn: '2026-02-01', amountFen: 10_000_00, voucherNo: 'PZ-01' });

    // not yet due: refused, naming why
    const early = await errorOf(createNotice(app.deps, app.clerk, { sourceKind: 'investment_promise', sourceId: item.id }));
    expect(early.message).toMatch(/部分兑现|未到期/);
    expect(early.message).toContain('逾期未兑现的事项才下发整改通知书');

    clock = new Date(`${item.dueOn}T00:00:00`);
    clock.setDate(clock.getDate() + 2);
    await runDerivedStates(app.deps, DERIVED_RUNNERS);
    const overdue = (await getProject(app.deps, project.id)).project.items[0];
    expect(overdue.status).toBe('overdue');

    const notice = await createNotice(app.deps, app.clerk, { sourceKind: 'investment_promise', sourceId: item.id });
    expect(notice).toMatchObject({ sourceKind: 'investment_promise', sourceId: item.id, addressee: item.department, amountFen: item.amountFen - 10_000_00 });
    expect(notice.facts).toContain('经查，你单位对招商引资企业作出的政策承诺逾期未兑现：');
    expect(notice.facts).toContain(`“${project.projectName}”项目（协议编号 ${project.agreementNo}）`);
    expect(notice.facts).toContain('已兑现 10,000.00 元');
    expect((await noticesForSource(app.deps, 'investment_promise', item.id)).map((n) => n.id)).toEqual([notice.id]);
  });

  it('an overdue public commitment drafts a notice to the committing unit; one still running is refused', async () => {
    const running = await createCommitment(app.deps, app.clerk, commitment({ title: '按期办结', dueOn: '2026-12-31' }));
    const refused = await errorOf(createNotice(app.deps, app.clerk, { sourceKind: 'public_commitment', sourceId: running.id }));
    expect(refused.message).toContain('逾期未兑现的承诺才下发整改通知书');

    const overdue = await createCommitment(app.deps, app.clerk, commitment({ title: '限时办结承诺', dueOn: '2026-01-31' }));
    expect(overdue.status).toBe('overdue');
    const notice = await createNotice(app.deps, app.clerk, { sourceKind: 'public_commitment', sourceId: overdue.id });
    expect(notice).toMatchObject({ sourceKind: 'public_commitment', addressee: overdue.unitName, addresseeUscc: overdue.unitUscc, amountFen: null });
    expect(notice.facts).toContain('经查，你单位公开承诺的事项逾期未兑现：');
    expect(notice.facts).toContain('“限时办结承诺”');
    expect((await noticesForSource(app.deps, 'public_commitment', overdue.id)).map((n) => n.id)).toEqual([notice.id]);
  });
});
