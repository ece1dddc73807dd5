/** The investment-promise ledger's upload items reach the reference city platform and are accepted there. */
import { afterEach, describe, expect, it } from 'vitest';
import { createProject, handOverProject, recordPayment } from '../../electron/services/promises';
import { createUser, toActor } from '../../electron/services/users/usersService';
import { projectInput } from '../support/promiseFixtures';
import { enrolledWorld, expectPlatformMatchesLedger, type SyncWorld } from '../support/syncFixtures';
import { TEST_PASSWORD } from '../support/testApp';

let world: SyncWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

describe('investment_promise upload items', () => {
  it('a project with items, a handover and a payment: the platform validates the latest version with the app’s own schema and accepts it', async () => {
    world = await enrolledWorld();
    const { app } = world;
    const successor = toActor(await createUser(app.deps, app.admin, { username: 'wm', displayName: '王敏', role: 'clerk', password: TEST_PASSWORD, mustChangePassword: false }));
    const project = await createProject(app.deps, app.clerk, projectInput(app.clerk.id));
    await handOverProject(app.deps, app.clerk, {
      projectId: project.id, expectedVersion: 1, handedOn: '2025-02-01', fromUserId: app.clerk.id, toUserId: successor.id, reason: '岗位调整', department: null,
    });
    await recordPayment(app.deps, app.clerk, {
      projectId: project.id, expectedVersion: 2, itemId: project.items[0].id, paidOn: '2025-02-02', amountFen: 10_000_00, voucherNo: 'PZ-1',
      voucher: { fileName: '凭证.pdf', bytes: Buffer.from('%PDF 凭证') },
    });
    const report = await world.client.push();
    // the queue sends the project's latest version (earlier ones are superseded): one item, accepted
    expect(report).toMatchObject({ items: 1, accepted: 1, rejected: 0, fault: null });
    await expectPlatformMatchesLedger(world);
  });
});
