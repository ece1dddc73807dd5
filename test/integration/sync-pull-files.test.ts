import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { getRecord, updateRecord } from '../../electron/services/records';
import { openConflicts } from '../../electron/sync/views';
import { decide, publishDictionary, publishUnit } from '../platform/changes';
import { platformStats } from '../platform/stats';
import { errorOf } from '../support/errors';
import { makeDevice, OTHER_OFFICE, signedRequest } from '../support/platformRequests';
import { unitRecord } from '../support/recordFixtures';
import { enrolledWorld, expectPlatformMatchesLedger, makeRecords, type SyncWorld } from '../support/syncFixtures';
import { tempDir } from '../support/testApp';

/** Downloads (decisions, dictionaries, units) and the file route, real client against real platform. */

let world: SyncWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});
const now = () => new Date().toISOString();

describe('download', () => {
  it('a 撤销 decision becomes a new version by 市平台 in the history, goes back up as that version; dictionary and unit are stored', async () => {
    world = await enrolledWorld();
    const [id] = await makeRecords(world.app, 20);
    await world.client.push();
    decide(world.platform.store, { id, kind: 'dishonesty_record', status: 'revoked', note: '异议成立，撤销该记录' }, now());
    publishDictionary(world.platform.store, { name: '失信情形', version: 3, entries: [{ code: 'SF', label: '司法判决' }] }, now());
    publishUnit(world.platform.store, { uscc: OTHER_OFFICE, name: '某某镇人民政府', unitType: '乡镇人民政府', parentUscc: null }, now());
    const report = await world.client.pull();
    expect(report).toMatchObject({ fetched: 3, applied: 1, dictionaries: 1, units: 1, conflicts: 0, needsApproval: null });
    const { record, versions } = await getRecord(world.app.deps, world.app.reviewer, id);
    expect(record).toMatchObject({ status: 'revoked', version: 2, updatedByName: '市平台' });
    expect(versions[0]).toMatchObject({ version: 2, actionLabel: '市平台决定', userName: '市平台', reason: '异议成立，撤销该记录', statusAfter: 'revoked' });
    const stored = await world.app.db.read((sql) => ({
      dict: sql.get<{ version: number; entries_json: string }>(`SELECT * FROM platform_dictionaries WHERE name = '失信情形'`),
      unit: sql.get<{ name: string }>(`SELECT name FROM platform_units WHERE uscc = ?`, OTHER_OFFICE),
    }));
    expect(stored.dict).toMatchObject({ version: 3 });
    expect(stored.unit?.name).toBe('某某镇人民政府');
    // a second pull starts where the first stopped
    expect((await world.client.pull()).fetched).toBe(0);
    await world.client.push();
    await expectPlatformMatchesLedger(world);
  });

  it('a decision never overwrites a local change still waiting to upload: that is kept and the conflict shown', async () => {
    world = await enrolledWorld();
    const [id] = await makeRecords(world.app, 20);
    await world.client.push();
    const { record } = await getRecord(world.app.deps, world.app.clerk, id);
    await updateRecord(world.app.deps, world.app.clerk, { id, expectedVersion: record.version, fields: unitRecord({ unitUscc: record.unitUscc, facts: '本地尚未上报的修改内容。' }) });
    decide(world.platform.store, { id, kind: 'dishonesty_record', status: 'repaired' }, now());
    const report = await world.client.pull();
    expect(report).toMatchObject({ conflicts: 1, applied: 0 });
    const after = (await getRecord(world.app.deps, world.app.clerk, id)).record;
    expect(after).toMatchObject({ status: 'verifying', facts: '本地尚未上报的修改内容。', version: 2 });
    expect((await world.client.status()).conflicts).toBe(1);
    const shown = await world.app.db.read((sql) => openConflicts(sql));
    expect(shown).toMatchObject([{ id, kindLabel: '政务失信记录', status: 'repaired', localVersion: 2, description: expect.stringContaining('某某') }]);
  });

  it('a download that would change more than a tenth of the ledger waits for an administrator', async () => {
    world = await enrolledWorld();
    const ids = await makeRecords(world.app, 100);
    await world.client.push();
    for (const id of ids.slice(0, 11)) decide(world.platform.store, { id, kind: 'dishonesty_record', status: 'repaired' }, now());
    const held = await world.client.pull();
    expect(held.needsApproval).toEqual({ decisions: 11, ledger: 100 });
    expect(held.applied).toBe(0);
    expect((await world.client.status()).needsApproval).toEqual({ decisions: 11, ledger: 100 });
    expect((await errorOf(world.client.pull({ approve: world.app.clerk }))).code).toBe('FORBIDDEN');
    const approved = await world.client.pull({ approve: world.app.admin });
    expect(approved).toMatchObject({ applied: 11, needsApproval: null });
    expect((await world.client.status()).needsApproval).toBeNull();
  });
});

describe('files for offices with no connection', () => {
  it('export .ledgerbatch → platform batch-files → receipts file → import marks everything uploaded', async () => {
    world = await enrolledWorld();
    await makeRecords(world.app, 25);
    const dir = tempDir('sync-files-');
    const out = path.join(dir, 'office.ledgerbatch');
    expect(await world.client.exportFile(out)).toMatchObject({ batches: 1, items: 25 });
    expect((await world.client.status()).inFlight).toBe(25);
    // carried to a machine with a connection; uploaded there by another enrolled device of the same office
    const carrier = await world.platform.enrol(makeDevice((await world.client.status()).officeId!));
    const taken = await signedRequest(world.platform.url, carrier, 'POST', '/v1/batch-files', fs.readFileSync(out), { contentType: 'application/octet-stream' });
    expect(taken.status).toBe(200);
    const batchIds = taken.json.results.map((r: { batchId: string }) => r.batchId).join(',');
    const receipts = await signedRequest(world.platform.url, carrier, 'GET', `/v1/receipts-file?batchIds=${batchIds}`);
    const receiptsFile = receipts.bytes;

    // refused whole, nothing applied: truncated, tampered, another office, unknown format
    const json = JSON.parse(gunzipSync(receiptsFile).toString());
    const refusals: Array<[Buffer, string]> = [
      [receiptsFile.subarray(0, receiptsFile.length - 30), 'FILE_TRUNCATED'],
      [gzipSync(JSON.stringify({ ...json, results: [{ ...json.results[0], receipts: json.results[0].receipts.map((r: object) => ({ ...r, status: 'rejected' })) }] })), 'FILE_TAMPERED'],
      [gzipSync(JSON.stringify({ ...json, officeId: OTHER_OFFICE })), 'FILE_OTHER_OFFICE'],
      [gzipSync(JSON.stringify({ ...json, format: 'ledgerreceipts/7' })), 'FILE_UNKNOWN_FORMAT'],
      [Buffer.from('not even gzip'), 'FILE_TRUNCATED'],
    ];
    for (const [bytes, code] of refusals) {
      const error = await errorOf(world.client.importReceipts(bytes));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(/未导入任何内容/);
      expect((await world.client.status()).inFlight).toBe(25);
    }
    expect(await world.client.importReceipts(receiptsFile)).toEqual({ applied: 1, already: 0, unknown: 0, refused: 0 });
    expect(await world.client.status()).toMatchObject({ inFlight: 0, pending: 0 });
    expect(await world.client.importReceipts(receiptsFile)).toMatchObject({ applied: 0, already: 1 });
    expect(platformStats(world.platform.store).batchesViaFile).toBe(1);
    await expectPlatformMatchesLedger(world);
    // and the network route afterwards resends nothing
    expect((await world.client.push()).batches).toBe(0);
  });
});
