/**
 * Public commitments go up to the reference city platform as items of kind public_commitment, in the batches
 * the sync client builds from the outbox: entered, fallen overdue (the system's version), with a supervision
 * log. The platform validates them with the app's own schema (a bad one is rejected on its field), and a city
 * decision on one comes back as a version by 市平台.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCommitment, getCommitment, superviseCommitment } from '../../electron/services/commitments';
import { enqueueUpload } from '../../electron/services/outbox/outbox';
import { decide } from '../platform/changes';
import { heldItems } from '../platform/stats';
import { check, commitment, complaint } from '../support/commitmentFixtures';
import { enrolledWorld, expectPlatformMatchesLedger, type SyncWorld } from '../support/syncFixtures';

let world: SyncWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

describe('public_commitment upload items', () => {
  it('are accepted by the platform at their latest version; an invalid one is rejected on its field; a decision comes back by 市平台', async () => {
    world = await enrolledWorld();
    const { app } = world;
    const open = await createCommitment(app.deps, app.clerk, commitment());
    const overdue = await createCommitment(app.deps, app.clerk, commitment({ dueOn: '2025-01-31' }));
    await superviseCommitment(app.deps, app.clerk, { id: open.id, expectedVersion: 1, entry: check() });
    await superviseCommitment(app.deps, app.reviewer, { id: open.id, expectedVersion: 2, entry: complaint() });
    // an item the platform must refuse: a 统一社会信用代码 with a wrong check character
    await app.db.write((sql) => enqueueUpload(sql, {
      kind: 'public_commitment', id: '00000000-0000-4000-8000-000000000001', version: 1, op: 'upsert', updatedAt: new Date().toISOString(),
      data: { ...commitment({ unitUscc: '11320102MB0000000A' }), status: 'pending', locked: false, outcomeOn: null, outcomeNote: null, outcomeDetail: null, outcomeApprover: null, supervision: [] },
    }, new Date().toISOString()));

    const report = await world.client.push();
    expect(report).toMatchObject({ items: 3, accepted: 2, rejected: 1 });
    const held = heldItems(world.platform.store).filter((i) => i.kind === 'public_commitment');
    expect(held.map((i) => [i.id, i.version]).sort()).toEqual([[open.id, 3], [overdue.id, 2]].sort());
    const rejected = await app.db.read((sql) => sql.get<{ field: string; message: string }>(`SELECT field, message FROM upload_state WHERE status = 'rejected'`));
    expect(rejected).toMatchObject({ field: 'unitUscc', message: expect.stringContaining('校验') });

    decide(world.platform.store, { id: overdue.id, kind: 'public_commitment', status: 'adjusted', note: '经市级复核，按调整后的承诺执行' }, new Date().toISOString());
    expect(await world.client.pull()).toMatchObject({ applied: 1 });
    const back = await getCommitment(app.deps, overdue.id);
    expect(back.commitment).toMatchObject({ status: 'adjusted', version: 3 });
    expect(back.versions[0]).toMatchObject({ actionLabel: '市平台决定', userName: '市平台', author: 'platform' });
    await world.client.push();
    await app.db.write((sql) => sql.run(`DELETE FROM outbox WHERE item_id = '00000000-0000-4000-8000-000000000001'`));
    await expectPlatformMatchesLedger(world);
  });
});
