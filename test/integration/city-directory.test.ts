import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Session } from '../../electron/ipc/session';
import { findUnits } from '../../electron/services/directory/cityDirectory';
import { numberedUscc } from '../support/recordFixtures';
import { registryCalls } from '../support/registryCalls';
import { createTestApp, type TestApp } from '../support/testApp';

/** The city's directory of units and its code lists (pulled by sync) as the forms use them. */

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
  await app.db.write((sql) => {
    const units: Array<[string, string]> = [
      [numberedUscc(11), '青禾镇人民政府办公室'],
      [numberedUscc(12), '青禾镇人民政府'],
      [numberedUscc(13), '白沙街道办事处'],
      [numberedUscc(14), '百分之百_测试%单位'],
    ];
    for (const [uscc, name] of units) {
      sql.run(`INSERT INTO platform_units (uscc, name, unit_type, parent_uscc, updated_at) VALUES (?, ?, '乡镇', NULL, '2026-11-24T00:00:00.000Z')`, uscc, name);
    }
  });
});
afterEach(async () => {
  await app.close();
});

const find = (text: string) => app.db.read((sql) => findUnits(sql, text).map((u) => u.name));

describe('finding units in the directory', () => {
  it('by part of the name, the exact name first, then the shorter names', async () => {
    expect(await find('青禾镇')).toEqual(['青禾镇人民政府', '青禾镇人民政府办公室']);
    expect(await find('青禾镇人民政府办公室')).toEqual(['青禾镇人民政府办公室']);
    expect(await find('街道')).toEqual(['白沙街道办事处']);
    expect(await find('没有这个单位')).toEqual([]);
  });

  it('by the start of the code, in either case, and the exact code alone', async () => {
    const code = numberedUscc(13);
    expect(await find(code)).toEqual(['白沙街道办事处']);
    expect(await find(code.toLowerCase())).toEqual(['白沙街道办事处']);
    expect((await find(code.slice(0, 8))).length).toBe(4);
  });

  it('takes % and _ literally, and full-width text as typed half-width', async () => {
    expect(await find('%')).toEqual(['百分之百_测试%单位']);
    expect(await find('_')).toEqual(['百分之百_测试%单位']);
    expect(await find('　青禾镇人民政府　')).toEqual(['青禾镇人民政府', '青禾镇人民政府办公室']);
  });

  it('through the channel: a signed-in user gets the units with their codes; a huge text is refused naming the field', async () => {
    const calls = registryCalls(app);
    const { session } = await calls.signIn('clerk');
    expect(await calls.ok(session, 'directory.findUnits', { text: '白沙' })).toEqual({ units: [{ uscc: numberedUscc(13), name: '白沙街道办事处', unitType: '乡镇' }] });
    expect(await calls.fail(session, 'directory.findUnits', { text: 'x'.repeat(101) })).toMatchObject({ code: 'VALIDATION', field: 'text' });
    expect(await calls.fail(new Session(), 'directory.findUnits', { text: '白沙' })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('the city\'s code lists as sync stored them, newest version, through the channel', async () => {
    await app.db.write((sql) => {
      sql.run(`INSERT INTO platform_dictionaries (name, version, entries_json, updated_at) VALUES ('领域', 2, ?, '2026-11-24T00:00:00.000Z')`, JSON.stringify([{ code: 'B3', label: '乡镇街道' }]));
      sql.run(`INSERT INTO platform_dictionaries (name, version, entries_json, updated_at) VALUES ('失信情形', 5, ?, '2026-11-24T00:00:00.000Z')`, JSON.stringify([{ code: 'A3', label: '拖欠企业账款' }]));
    });
    const calls = registryCalls(app);
    const { session } = await calls.signIn('clerk');
    expect(await calls.ok(session, 'directory.dictionaries', {})).toEqual({ dictionaries: [
      { name: '失信情形', version: 5, entries: [{ code: 'A3', label: '拖欠企业账款' }] },
      { name: '领域', version: 2, entries: [{ code: 'B3', label: '乡镇街道' }] },
    ] });
  });
});
