import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addRecordAttachment, attachmentPath, openAttachment, createRecord, findDuplicates, getRecord, locateAttachment, queryRecords, transitionRecord, updateRecord,
} from '../../electron/services/records';
import type { RecordListQuery } from '../../electron/services/records/recordQuery';
import { createUser, toActor } from '../../electron/services/users/usersService';
import { getDraft, saveDraft } from '../../electron/services/drafts/draftsService';
import type { Actor } from '../../electron/services/context';
import { computeUsccCheckChar } from '../../shared/validation/uscc';
import type { RecordFields } from '../../shared/domain/recordSchema';
import { TEST_PASSWORD, createTestApp, type TestApp } from '../support/testApp';
import { nextDocNumber, numberedIdNumber as idNumber, personRecord, unitRecord } from '../support/recordFixtures';
import { errorOf } from '../support/errors';
import { readAttachment } from '../../electron/services/files/attachments';
import { SEALED_MAGIC } from '../../electron/services/files/attachmentCipher';

let app: TestApp;
let clerk2: Actor;
beforeEach(async () => {
  app = await createTestApp();
  clerk2 = toActor(await createUser(app.deps, app.admin, { username: 'clerk2', displayName: '赵录入', role: 'clerk', password: TEST_PASSWORD }));
});
afterEach(async () => {
  await app.close();
});


/** A valid 统一社会信用代码 for a number 0–99999. */
const uscc = (n: number) => {
  const first17 = `91320102MA${String(n).padStart(5, '0')}X0`.slice(0, 17);
  return first17 + computeUsccCheckChar(first17);
};
const list = (q: Partial<RecordListQuery> & { page?: number; pageSize?: number } = {}) =>
  queryRecords(app.deps, { page: 1, pageSize: 50, sortBy: 'updatedAt', sortOrder: 'desc', ...q });
const ids = async (q: Partial<RecordListQuery> & { page?: number; pageSize?: number } = {}) => (await list(q)).items.map((r) => r.id);
const create = async (overrides: Partial<RecordFields> = {}, actor: Actor = app.clerk) => (await createRecord(app.deps, actor, unitRecord(overrides))).id;

describe('versions and corrections', () => {
  it('a record being verified is edited in place by a clerk, as a new version without a reason', async () => {
    const created = await createRecord(app.deps, app.clerk, unitRecord());
    const edited = await updateRecord(app.deps, app.clerk, { id: created.id, expectedVersion: 1, fields: unitRecord({ severity: '严重' }) });
    expect(edited).toMatchObject({ version: 2, severity: '严重', status: 'verifying', locked: false, updatedByName: '李录入' });
    const { versions } = await getRecord(app.deps, app.reviewer, created.id);
    expect(versions.map((v) => [v.version, v.action, v.actionLabel])).toEqual([[2, 'edit', '修改'], [1, 'create', '新建']]);
    expect(versions[0].changes).toEqual([{ field: 'severity', label: '严重程度', before: '较重', after: '严重' }]);
  });

  it('an approved record: clerk refused, reviewer needs a reason, the correction is a new version with its history', async () => {
    const created = await createRecord(app.deps, app.clerk, unitRecord());
    await transitionRecord(app.deps, app.reviewer, { id: created.id, expectedVersion: 1, action: 'approve' });
    const changed = unitRecord({ facts: '拖欠某建筑公司道路修缮工程款共计十二万元。', amountFen: 12_000_000 });

    const clerkError = await errorOf(updateRecord(app.deps, app.clerk, { id: created.id, expectedVersion: 2, fields: changed, reason: '我想改' }));
    expect(clerkError.code).toBe('FORBIDDEN');

    for (const reason of [undefined, '', '   ']) {
      const noReason = await errorOf(updateRecord(app.deps, app.reviewer, { id: created.id, expectedVersion: 2, fields: changed, reason }));
      expect(noReason.code).toBe('VALIDATION');
      expect(noReason.field).toBe('reason');
      expect(noReason.message).toContain('理由');
    }
    const unchanged = await getRecord(app.deps, app.reviewer, created.id);
    expect(unchanged.record).toMatchObject({ version: 2, facts: unitRecord().facts });

    const corrected = await updateRecord(app.deps, app.reviewer, { id: created.id, expectedVersion: 2, fields: changed, reason: '金额与判决书核对后更正' });
    expect(corrected).toMatchObject({ version: 3, status: 'recognised', locked: true, facts: changed.facts, amountFen: 12_000_000, approvedByName: '张审核' });

    const { versions } = await getRecord(app.deps, app.clerk, created.id);
    expect(versions.map((v) => [v.version, v.action, v.userName])).toEqual([[3, 'correct', '张审核'], [2, 'approve', '张审核'], [1, 'create', '李录入']]);
    expect(versions[0]).toMatchObject({ actionLabel: '更正', reason: '金额与判决书核对后更正', statusBefore: 'recognised', statusAfter: 'recognised' });
    expect(versions[0].changes).toEqual([
      { field: 'facts', label: '失信事实', before: unitRecord().facts, after: changed.facts },
      { field: 'amountFen', label: '涉及金额（元）', before: 12_345_600, after: 12_000_000 },
    ]);
    expect(versions[1].changes).toEqual([{ field: 'status', label: '状态', before: '线索核实中', after: '已认定' }]);
    expect(versions[2].changes).toEqual([]);
  });

  it('a record closed without approval (不属实) is not edited in place either', async () => {
    const id = await create();
    await transitionRecord(app.deps, app.reviewer, { id, expectedVersion: 1, action: 'reject', reason: '经核实不属实' });
    expect((await errorOf(updateRecord(app.deps, app.clerk, { id, expectedVersion: 2, fields: unitRecord() }))).code).toBe('FORBIDDEN');
    expect((await errorOf(updateRecord(app.deps, app.reviewer, { id, expectedVersion: 2, fields: unitRecord() }))).field).toBe('reason');
  });

  it('a stale expectedVersion is a CONFLICT for edits and moves, and changes nothing', async () => {
    const id = await create();
    await updateRecord(app.deps, app.clerk, { id, expectedVersion: 1, fields: unitRecord({ severity: '一般' }) });
    const stale = await errorOf(updateRecord(app.deps, clerk2, { id, expectedVersion: 1, fields: unitRecord({ severity: '严重' }) }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('第 2 版');
    const staleMove = await errorOf(transitionRecord(app.deps, app.reviewer, { id, expectedVersion: 1, action: 'approve' }));
    expect(staleMove.code).toBe('CONFLICT');
    expect((await getRecord(app.deps, app.reviewer, id)).record).toMatchObject({ version: 2, severity: '一般', status: 'verifying' });
  });

  it('an unknown record is NOT_FOUND', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await errorOf(getRecord(app.deps, app.admin, missing))).code).toBe('NOT_FOUND');
    expect((await errorOf(updateRecord(app.deps, app.admin, { id: missing, expectedVersion: 1, fields: unitRecord() }))).code).toBe('NOT_FOUND');
    expect((await errorOf(transitionRecord(app.deps, app.admin, { id: missing, expectedVersion: 1, action: 'approve' }))).code).toBe('NOT_FOUND');
  });

  it('saving discards the form draft it came from, and only that one', async () => {
    await saveDraft(app.deps, app.clerk, 'records.new', { facts: '正在输入' });
    await saveDraft(app.deps, app.clerk, 'records.other', { facts: '另一份' });
    await saveDraft(app.deps, clerk2, 'records.new', { facts: '别人的' });
    const created = await createRecord(app.deps, app.clerk, unitRecord(), 'records.new');
    expect(await getDraft(app.deps, app.clerk, 'records.new')).toBeNull();
    expect(await getDraft(app.deps, app.clerk, 'records.other')).not.toBeNull();
    expect(await getDraft(app.deps, clerk2, 'records.new')).not.toBeNull();
    await saveDraft(app.deps, app.clerk, `records.edit.${created.id}`, { facts: '修改中' });
    await updateRecord(app.deps, app.clerk, { id: created.id, expectedVersion: 1, fields: unitRecord(), draftKey: `records.edit.${created.id}` });
    expect(await getDraft(app.deps, app.clerk, `records.edit.${created.id}`)).toBeNull();
  });

  it('a failed save keeps the draft', async () => {
    const id = await create();
    await saveDraft(app.deps, app.clerk, 'records.edit', { facts: '修改中' });
    await errorOf(updateRecord(app.deps, app.clerk, { id, expectedVersion: 5, fields: unitRecord(), draftKey: 'records.edit' }));
    expect(await getDraft(app.deps, app.clerk, 'records.edit')).not.toBeNull();
  });
});

describe('identity numbers', () => {
  const FULL = personRecord().personIdNumber!;
  const MASKED = '1101**********002X';

  it('lists show them masked, to everyone', async () => {
    await createRecord(app.deps, app.clerk, personRecord());
    const { items } = await list();
    expect(items[0].personIdMasked).toBe(MASKED);
    expect(JSON.stringify(items)).not.toContain(FULL);
  });

  it('the detail shows the full number to a reviewer and an administrator, and to the clerk who entered a draft', async () => {
    const { id } = await createRecord(app.deps, app.clerk, personRecord());
    for (const actor of [app.reviewer, app.admin, app.clerk]) {
      const { record } = await getRecord(app.deps, actor, id);
      expect(record.personIdNumber).toBe(FULL);
      expect(record.identityVisible).toBe(true);
    }
  });

  it('a clerk who did not enter the record sees it masked, in the record and in its history', async () => {
    const { id } = await createRecord(app.deps, app.clerk, personRecord());
    await updateRecord(app.deps, app.clerk, { id, expectedVersion: 1, fields: personRecord({ personPosition: '主任' }) });
    const other = await getRecord(app.deps, clerk2, id);
    expect(other.record.personIdNumber).toBe(MASKED);
    expect(other.record.identityVisible).toBe(false);
    expect(JSON.stringify(other)).not.toContain(FULL);
  });

  it('once approved, even the clerk who entered it sees it masked', async () => {
    const { id } = await createRecord(app.deps, app.clerk, personRecord());
    await transitionRecord(app.deps, app.reviewer, { id, expectedVersion: 1, action: 'approve' });
    const mine = await getRecord(app.deps, app.clerk, id);
    expect(mine.record.personIdNumber).toBe(MASKED);
    expect(JSON.stringify(mine)).not.toContain(FULL);
    expect((await getRecord(app.deps, app.reviewer, id)).record.personIdNumber).toBe(FULL);
  });

  it('a history change of the number is masked for a clerk who may not see it', async () => {
    const { id } = await createRecord(app.deps, app.clerk, personRecord());
    await updateRecord(app.deps, app.reviewer, { id, expectedVersion: 1, fields: personRecord({ personIdNumber: '440524198001010013' }) });
    const other = await getRecord(app.deps, clerk2, id);
    const change = other.versions[0].changes.find((c) => c.field === 'personIdNumber');
    expect(change).toEqual({ field: 'personIdNumber', label: '身份证号', before: MASKED, after: '4405**********0013' });
    expect(JSON.stringify(other)).not.toContain('440524198001010013');
    const reviewer = await getRecord(app.deps, app.reviewer, id);
    expect(reviewer.versions[0].changes.find((c) => c.field === 'personIdNumber')).toMatchObject({ before: FULL, after: '440524198001010013' });
  });

  it('a clerk who saw the number masked and saves the form keeps the stored number', async () => {
    const { id } = await createRecord(app.deps, app.clerk, personRecord());
    const seen = await getRecord(app.deps, clerk2, id);
    const fields = { ...personRecord(), personIdNumber: seen.record.personIdNumber, personPosition: '主任' };
    const saved = await updateRecord(app.deps, clerk2, { id, expectedVersion: 1, fields });
    expect(saved.personPosition).toBe('主任');
    expect((await getRecord(app.deps, app.reviewer, id)).record.personIdNumber).toBe(FULL);
  });
});

describe('search (character-pair index) stays in step with edits', () => {
  it('finds two-character terms and document-number fragments', async () => {
    const a = await create();
    const b = await create({ unitName: '某某镇人民政府', unitUscc: uscc(2), docNumber: '(2023)苏0105行初7号', facts: '未兑现招商引资奖补资金。' });
    expect(await ids({ search: '街道' })).toEqual([a]);
    expect(await ids({ search: '苏0102' })).toEqual([a]);
    expect(await ids({ search: '0105行初' })).toEqual([b]);
    expect((await ids({ search: '苏01' })).sort()).toEqual([a, b].sort());
    expect(await ids({ search: '奖补' })).toEqual([b]);
    expect(await ids({ search: '（２０２３）苏' })).toEqual([b]);
    expect(await ids({ search: '民初123' })).toEqual([a]);
    expect(await ids({ search: '道街' })).toEqual([]);
  });

  it('after an edit finds the new words and no longer the old ones', async () => {
    const id = await create();
    expect(await ids({ search: '修缮' })).toEqual([id]);
    await updateRecord(app.deps, app.clerk, { id, expectedVersion: 1, fields: unitRecord({ facts: '长期拖欠桥梁维护费用，经催告仍未支付。', unitName: '某某乡人民政府' }) });
    expect(await ids({ search: '桥梁' })).toEqual([id]);
    expect(await ids({ search: '修缮' })).toEqual([]);
    expect(await ids({ search: '乡人民' })).toEqual([id]);
    expect(await ids({ search: '街道' })).toEqual([]);
  });

  it('a correction of an approved record moves the index too, and a status move keeps it', async () => {
    const id = await create();
    await transitionRecord(app.deps, app.reviewer, { id, expectedVersion: 1, action: 'approve' });
    expect(await ids({ search: '修缮' })).toEqual([id]);
    await updateRecord(app.deps, app.reviewer, { id, expectedVersion: 2, fields: unitRecord({ docNumber: '(2024)苏0106民初88号' }), reason: '文书编号录错' });
    expect(await ids({ search: '0106民初' })).toEqual([id]);
    expect(await ids({ search: '0102民初' })).toEqual([]);
    await transitionRecord(app.deps, app.reviewer, { id, expectedVersion: 3, action: 'startRectification', reason: '限期整改', date: '2099-01-01' });
    expect(await ids({ search: '0106民初' })).toEqual([id]);
  });

  it('finds person names and the document name', async () => {
    const p = (await createRecord(app.deps, app.clerk, personRecord({ personName: '欧阳某某', docName: '问责决定书' }))).id;
    await create();
    expect(await ids({ search: '欧阳' })).toEqual([p]);
    expect(await ids({ search: '问责决定' })).toEqual([p]);
  });

  it('several terms must all be found', async () => {
    const a = await create();
    await create({ unitName: '某某镇人民政府', unitUscc: uscc(3), facts: '拖欠某供应商货款。' });
    expect(await ids({ search: '街道 拖欠' })).toEqual([a]);
    expect(await ids({ search: '街道 货款' })).toEqual([]);
  });

  it('a single character, alone or next to a longer term, still searches (by scanning)', async () => {
    const a = await create();
    const b = await create({ unitName: '某某镇人民政府', unitUscc: uscc(4), facts: '拖欠某供应商货款。' });
    expect((await ids({ search: '某' })).sort()).toEqual([a, b].sort());
    expect(await ids({ search: '镇' })).toEqual([b]);
    expect(await ids({ search: '街道 某' })).toEqual([a]);
    expect(await ids({ search: '拖欠 镇' })).toEqual([b]);
  });

  it('search characters with meaning in SQL (% _) are taken literally', async () => {
    await create();
    expect(await ids({ search: '%' })).toEqual([]);
    expect(await ids({ search: '_' })).toEqual([]);
  });
});

describe('filters, sorting and paging', () => {
  let r: Record<string, string>;
  beforeEach(async () => {
    r = {
      a: await create({ unitName: '甲街道办事处', unitUscc: uscc(11), situation: '拖欠企业账款', amountFen: 500, happenedOn: '2023-01-10', recognisedOn: '2023-03-01', severity: '一般' }),
      b: await create({ unitName: '乙镇人民政府', unitUscc: uscc(12), situation: '行政处罚', amountFen: 100, happenedOn: '2023-06-30', recognisedOn: '2023-07-01', severity: '严重' }),
      c: await create({ unitName: '丙街道办事处', unitUscc: uscc(13), situation: '司法判决', amountFen: 900, happenedOn: '2023-07-01', recognisedOn: null, severity: '较重' }),
      d: await create({ unitName: '丁乡人民政府', unitUscc: uscc(14), situation: '拖欠企业账款', amountFen: null, happenedOn: '2024-02-29', recognisedOn: '2024-03-01', severity: '严重', sector: '招商引资' }),
      e: await create({ unitName: '100%达标_单位', unitUscc: uscc(15), situation: '其他', amountFen: 300, happenedOn: '2022-12-31', recognisedOn: '2023-01-05', severity: '一般', clueSource: '自查' }),
    };
    await transitionRecord(app.deps, app.reviewer, { id: r.b, expectedVersion: 1, action: 'approve' });
    await transitionRecord(app.deps, app.reviewer, { id: r.d, expectedVersion: 1, action: 'approve' });
    await transitionRecord(app.deps, app.reviewer, { id: r.e, expectedVersion: 1, action: 'reject', reason: '经核实不属实' });
  });
  const set = async (q: Partial<RecordListQuery>) => (await ids(q)).map((id) => Object.keys(r).find((k) => r[k] === id)).sort();

  it('by status, situation, sector, clue source, severity', async () => {
    expect(await set({ statuses: ['recognised'] })).toEqual(['b', 'd']);
    expect(await set({ statuses: ['verifying', 'unfounded'] })).toEqual(['a', 'c', 'e']);
    expect(await set({ situations: ['拖欠企业账款'] })).toEqual(['a', 'd']);
    expect(await set({ situations: ['拖欠企业账款'], statuses: ['recognised'] })).toEqual(['d']);
    expect(await set({ sectors: ['招商引资'] })).toEqual(['d']);
    expect(await set({ clueSources: ['自查'] })).toEqual(['e']);
    expect(await set({ severities: ['严重', '一般'] })).toEqual(['a', 'b', 'd', 'e']);
    expect(await set({ subjectTypes: ['person'] })).toEqual([]);
    expect(await set({ statuses: [] })).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('by date ranges, both ends inclusive', async () => {
    expect(await set({ happenedFrom: '2023-06-30', happenedTo: '2023-07-01' })).toEqual(['b', 'c']);
    expect(await set({ happenedFrom: '2023-01-01' })).toEqual(['a', 'b', 'c', 'd']);
    expect(await set({ happenedTo: '2022-12-31' })).toEqual(['e']);
    expect(await set({ recognisedFrom: '2023-01-01', recognisedTo: '2023-12-31' })).toEqual(['a', 'b', 'e']);
  });

  it('by part of the unit name, with % and _ taken literally', async () => {
    expect(await set({ unit: '街道' })).toEqual(['a', 'c']);
    expect(await set({ unit: '人民政府' })).toEqual(['b', 'd']);
    expect(await set({ unit: '%' })).toEqual(['e']);
    expect(await set({ unit: '_' })).toEqual(['e']);
    expect(await set({ unit: '街道', statuses: ['verifying'], search: '修缮' })).toEqual(['a', 'c']);
  });

  it('sorts by amount, dates, unit name and severity, both ways', async () => {
    const order = async (sortBy: RecordListQuery['sortBy'], sortOrder: 'asc' | 'desc') =>
      (await ids({ sortBy, sortOrder })).map((id) => Object.keys(r).find((k) => r[k] === id)).join('');
    expect(await order('amountFen', 'asc')).toBe('dbeac'); // no amount first
    expect(await order('amountFen', 'desc')).toBe('caebd');
    expect(await order('happenedOn', 'asc')).toBe('eabcd');
    expect(await order('happenedOn', 'desc')).toBe('dcbae');
    // 一般 < 较重 < 严重 (not the order of the characters); ties in entry order, reversed with the order
    expect(await order('severity', 'asc')).toBe('aecbd');
    expect(await order('severity', 'desc')).toBe('dbcea');
    // pinyin order: 100%达标_单位, 丙 bing, 丁 ding, 甲 jia, 乙 yi (not the order of the characters' codes)
    expect(await order('unitName', 'asc')).toBe('ecdab');
    expect(await order('unitName', 'desc')).toBe('badce');
    expect(await order('recognisedOn', 'asc')).toBe('ceabd');
    expect(await order('updatedAt', 'desc')).toBe(
      (await ids({ sortBy: 'updatedAt', sortOrder: 'asc' })).map((id) => Object.keys(r).find((k) => r[k] === id)).reverse().join(''),
    );
  });

  it('pages: totals, no overlap, no gap', async () => {
    const p1 = await list({ page: 1, pageSize: 2, sortBy: 'happenedOn', sortOrder: 'asc' });
    const p2 = await list({ page: 2, pageSize: 2, sortBy: 'happenedOn', sortOrder: 'asc' });
    const p3 = await list({ page: 3, pageSize: 2, sortBy: 'happenedOn', sortOrder: 'asc' });
    const p4 = await list({ page: 4, pageSize: 2, sortBy: 'happenedOn', sortOrder: 'asc' });
    expect([p1.total, p2.total, p3.total, p4.total]).toEqual([5, 5, 5, 5]);
    expect([p1.items.length, p2.items.length, p3.items.length, p4.items.length]).toEqual([2, 2, 1, 0]);
    expect([...p1.items, ...p2.items, ...p3.items].map((x) => x.id)).toEqual([r.e, r.a, r.b, r.c, r.d]);
    const filtered = await list({ page: 1, pageSize: 1, statuses: ['recognised'] });
    expect(filtered.total).toBe(2);
    expect(filtered.items).toHaveLength(1);
  });

  it('equal sort values page stably (ties broken by entry order)', async () => {
    const all: string[] = [];
    for (let page = 1; page <= 5; page++) all.push(...(await ids({ page, pageSize: 1, sortBy: 'severity', sortOrder: 'asc' })));
    expect(all.sort()).toEqual(Object.values(r).sort());
  });

  it('list rows carry what the table shows', async () => {
    const row = (await list({ statuses: ['recognised'], unit: '乙镇' })).items[0];
    expect(row).toMatchObject({
      id: r.b, version: 2, status: 'recognised', locked: true, subjectType: 'unit', subjectName: '乙镇人民政府', unitUscc: uscc(12),
      personIdMasked: null, situation: '行政处罚', severity: '严重', happenedOn: '2023-06-30', recognisedOn: '2023-07-01', amountFen: 100,
    });
  });
});

describe('duplicates', () => {
  it('finds records of the same subject with the same document number', async () => {
    const fields = unitRecord();
    const a = await create(fields);
    const other = await create({ unitUscc: uscc(21), docNumber: fields.docNumber });
    const found = await findDuplicates(app.deps, app.clerk, { subjectType: 'unit', unitUscc: fields.unitUscc, docNumber: fields.docNumber! });
    expect(found).toEqual([{ id: a, subjectName: fields.unitName, docNumber: fields.docNumber, status: 'verifying' }]);
    expect(found.map((d) => d.id)).not.toContain(other);
    expect(await findDuplicates(app.deps, app.clerk, { subjectType: 'unit', unitUscc: fields.unitUscc, docNumber: `  ${fields.docNumber}  ` })).toHaveLength(1);
    expect(await findDuplicates(app.deps, app.clerk, { subjectType: 'unit', unitUscc: fields.unitUscc, docNumber: '(2024)苏0102民初999号' })).toEqual([]);
    expect(await findDuplicates(app.deps, app.clerk, { subjectType: 'unit', unitUscc: fields.unitUscc, docNumber: fields.docNumber!, excludeId: a })).toEqual([]);
    expect(await findDuplicates(app.deps, app.clerk, { subjectType: 'unit', unitUscc: null, docNumber: fields.docNumber! })).toEqual([]);
  });

  it('finds a person by identity number, not by the employer', async () => {
    const person = personRecord();
    const p = (await createRecord(app.deps, app.clerk, person)).id;
    await create({ docNumber: person.docNumber });
    const found = await findDuplicates(app.deps, app.clerk, { subjectType: 'person', personIdNumber: person.personIdNumber, docNumber: person.docNumber! });
    expect(found).toEqual([{ id: p, subjectName: '赵某某', docNumber: person.docNumber, status: 'verifying' }]);
    expect(await findDuplicates(app.deps, app.clerk, { subjectType: 'person', personIdNumber: '440524188001010014', docNumber: person.docNumber! })).toEqual([]);
  });

  it('the service refuses a second record of the same subject and document unless the clerk confirmed it', async () => {
    const fields = unitRecord();
    const first = await create(fields);
    const refused = await errorOf(createRecord(app.deps, app.clerk, { ...fields, docNumber: `（${fields.docNumber!.slice(1, 5)}）${fields.docNumber!.slice(6)}` }));
    expect(refused).toMatchObject({ code: 'DUPLICATE', field: 'docNumber' });
    expect(refused.message).toMatch(/与已有记录重复.*某某市某某区某某街道办事处.*线索核实中/);
    expect((await queryRecords(app.deps, { sortBy: 'updatedAt', sortOrder: 'asc', page: 1, pageSize: 50 })).total).toBe(1);
    const confirmed = await createRecord(app.deps, app.clerk, fields, undefined, true);
    expect(confirmed.docNumber).toBe(fields.docNumber);

    // an edit that makes a record repeat another is refused the same way; confirmed, it is saved
    const other = await createRecord(app.deps, app.clerk, unitRecord({ docNumber: nextDocNumber() }));
    const edit = { id: other.id, expectedVersion: 1, fields: { ...unitRecord(), docNumber: fields.docNumber } };
    expect(await errorOf(updateRecord(app.deps, app.clerk, edit))).toMatchObject({ code: 'DUPLICATE', field: 'docNumber' });
    expect((await updateRecord(app.deps, app.clerk, { ...edit, confirmedDuplicate: true })).version).toBe(2);
    // editing the record itself is no duplicate of itself
    expect((await updateRecord(app.deps, app.clerk, { id: first, expectedVersion: 1, fields: { ...fields, severity: '严重' } })).severity).toBe('严重');
  });

  it('does not tell a clerk whose identity number it was', async () => {
    const person = personRecord();
    await createRecord(app.deps, app.reviewer, person);
    const seenByClerk = await findDuplicates(app.deps, app.clerk, { subjectType: 'person', personIdNumber: person.personIdNumber, docNumber: person.docNumber! });
    expect(seenByClerk).toHaveLength(1);
    expect(seenByClerk[0].subjectName).not.toContain('赵某某');
    expect(seenByClerk[0].id).toBeNull(); // no link to open either
    const refused = await errorOf(createRecord(app.deps, app.clerk, person));
    expect(refused.code).toBe('DUPLICATE');
    expect(refused.message).not.toContain('赵某某');
    expect((await findDuplicates(app.deps, app.reviewer, { subjectType: 'person', personIdNumber: person.personIdNumber, docNumber: person.docNumber! }))[0].subjectName).toBe('赵某某');
  });
});

describe('the identity-number duplicate check cannot be used to try numbers one by one', () => {
  it('allows a few dozen checks a minute per user, then refuses until the minute has passed', async () => {
    let now = Date.now() + 3_600_000; // an hour on: checks made by earlier tests are long past
    const deps = { ...app.deps, now: () => new Date(now) };
    const check = (n: number, actor = app.clerk) =>
      findDuplicates(deps, actor, { subjectType: 'person', personIdNumber: idNumber(n), docNumber: '(2024)苏0102民初1号' });
    for (let n = 1; n <= 30; n++) expect(await check(n)).toEqual([]);
    const refused = await errorOf(check(31));
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', field: 'personIdNumber' });
    expect(refused.message).toMatch(/身份证号查重过于频繁，请 \d+ 秒后再试/);
    expect(await check(31, app.reviewer)).toEqual([]); // counted per user
    // a unit's code is no personal data: not limited
    expect(await findDuplicates(deps, app.clerk, { subjectType: 'unit', unitUscc: uscc(5), docNumber: 'X' })).toEqual([]);
    now += 61_000;
    expect(await check(32)).toEqual([]);
  });
});

describe('names sort in pinyin order', () => {
  it('a person by the surname reading (曾 zeng, 单 shan, 解 xie), a unit by its own name, both ways', async () => {
    const person = (name: string, n: number) => create({ subjectType: 'person', personName: name, personIdNumber: idNumber(n), unitUscc: null, unitName: '丁乡人民政府' });
    const ids = {
      曾: await person('曾小明', 1), 张: await person('张三', 2), 单: await person('单田芳', 3), 解: await person('解缙', 4),
      安: await create({ unitName: '安丰镇人民政府', unitUscc: uscc(31) }), 东: await create({ unitName: '东城街道办事处', unitUscc: uscc(32) }),
    };
    const names = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
    const order = async (sortBy: 'subjectName' | 'unitName', sortOrder: 'asc' | 'desc') =>
      (await queryRecords(app.deps, { sortBy, sortOrder, page: 1, pageSize: 50 })).items.map((r) => names[r.id]).join('');
    // an 安 dan, 东 dong, 单 shan, 解 xie, 曾 zeng, 张 zhang — Intl.Collator would put 单 (dan) and 曾 (ceng) elsewhere
    expect(await order('subjectName', 'asc')).toBe('安东单解曾张');
    expect(await order('subjectName', 'desc')).toBe('张曾解单东安');
    // by the unit: the four people work at 丁乡 (ding), between 安 and 东 (dong); ties in entry order
    expect(await order('unitName', 'asc')).toBe('安曾张单解东');
  });
});

describe('attachments', () => {
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  it('stores the file, encrypted, under attachments/<first two>/<sha256 of the plain bytes>, listed as ok', async () => {
    const id = await create();
    const bytes = Buffer.from('%PDF-1.4 民事判决书扫描件');
    const added = await addRecordAttachment(app.deps, app.clerk, id, '判决书.pdf', bytes);
    const hash = sha(bytes);
    expect(added).toMatchObject({ fileName: '判决书.pdf', size: bytes.length, sha256: hash, state: 'ok', addedByName: '李录入' });
    const file = path.join(app.dataDir, 'attachments', hash.slice(0, 2), hash);
    expect(attachmentPath(app.dataDir, hash)).toBe(file);
    const stored = fs.readFileSync(file);
    expect(stored.subarray(0, SEALED_MAGIC.length).equals(SEALED_MAGIC)).toBe(true);
    expect(stored.includes(Buffer.from('民事判决书'))).toBe(false);
    expect(readAttachment(app.deps, hash)).toEqual(bytes);
    const { attachments } = await getRecord(app.deps, app.reviewer, id);
    expect(attachments).toEqual([{ ...added }]);
    expect(await locateAttachment(app.deps, added.id)).toEqual({ file, fileName: added.fileName, state: 'ok', entity: 'dishonesty_record', entityId: id });
  });

  it('keeps only the file name, never a path', async () => {
    const id = await create();
    const added = await addRecordAttachment(app.deps, app.clerk, id, '/home/li/证据/../照片.jpg', Buffer.from('jpeg'));
    expect(added.fileName).toBe('照片.jpg');
  });

  it('does not open a changed file until the user has seen the warning, and never a lost one', async () => {
    const id = await create();
    const added = await addRecordAttachment(app.deps, app.clerk, id, '证据.txt', Buffer.from('原始证据内容'));
    const opened: string[] = [];
    const openPath = async (file: string) => (opened.push(file), true);
    expect(await openAttachment(app.deps, openPath, added.id)).toEqual({ state: 'ok', opened: true });
    // the viewer gets the plain bytes in a private temporary copy under the attachment's name
    expect(path.basename(opened[0])).toBe('证据.txt');
    expect(fs.readFileSync(opened[0], 'utf8')).toBe('原始证据内容');
    fs.writeFileSync(attachmentPath(app.dataDir, added.sha256), '被改过的内容');
    expect(await openAttachment(app.deps, openPath, added.id)).toEqual({ state: 'altered', opened: false });
    expect(opened).toHaveLength(1);
    expect(await openAttachment(app.deps, openPath, added.id, true)).toEqual({ state: 'altered', opened: true });
    fs.rmSync(attachmentPath(app.dataDir, added.sha256));
    expect(await errorOf(openAttachment(app.deps, openPath, added.id, true))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/已丢失/) });
    expect(opened).toHaveLength(2);
  });

  it('keeps control and direction-override characters out of file names', async () => {
    const id = await create();
    const added = await addRecordAttachment(app.deps, app.clerk, id, 'C:\\扫描\\invoice\u202Efdp.exe', Buffer.from('MZ'));
    expect(added.fileName).toBe('invoicefdp.exe');
    const bell = await addRecordAttachment(app.deps, app.clerk, id, '\u0007\u200F判决书\u0000.pdf', Buffer.from('%PDF'));
    expect(bell.fileName).toBe('判决书.pdf');
    // a name stored by an earlier version is cleaned where it is shown
    await app.db.write((sql) => sql.run(`UPDATE attachments SET file_name = ? WHERE id = ?`, 'x\u202Egpj.exe', added.id));
    expect((await getRecord(app.deps, app.reviewer, id)).attachments.map((a) => a.fileName)).toEqual(['xgpj.exe', '判决书.pdf']);
  });

  it('notices stored bytes that were changed (altered) or removed (missing)', async () => {
    const id = await create();
    const bytes = Buffer.from('原始证据内容');
    const added = await addRecordAttachment(app.deps, app.clerk, id, '证据.txt', bytes);
    const file = attachmentPath(app.dataDir, added.sha256);

    fs.writeFileSync(file, '被改过的内容');
    expect((await getRecord(app.deps, app.reviewer, id)).attachments[0].state).toBe('altered');
    expect((await locateAttachment(app.deps, added.id)).state).toBe('altered');

    fs.rmSync(file);
    expect((await getRecord(app.deps, app.reviewer, id)).attachments[0].state).toBe('missing');
    expect((await locateAttachment(app.deps, added.id)).state).toBe('missing');

    // filing the same evidence again restores the stored copy
    await addRecordAttachment(app.deps, app.clerk, id, '证据-重新上传.txt', bytes);
    expect((await getRecord(app.deps, app.reviewer, id)).attachments.map((a) => a.state)).toEqual(['ok', 'ok']);
  });

  it('the same bytes twice are stored once, referenced twice', async () => {
    const a = await create();
    const b = await create({ docNumber: nextDocNumber() });
    const bytes = Buffer.from('同一份判决书');
    const first = await addRecordAttachment(app.deps, app.clerk, a, '判决书.pdf', bytes);
    const second = await addRecordAttachment(app.deps, app.reviewer, b, '判决书副本.pdf', bytes);
    expect(second.sha256).toBe(first.sha256);
    expect(second.id).not.toBe(first.id);
    const files = fs.readdirSync(path.join(app.dataDir, 'attachments'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    expect(files.map((f) => f.name)).toEqual([first.sha256]);
    expect((await getRecord(app.deps, app.reviewer, a)).attachments.map((x) => x.fileName)).toEqual(['判决书.pdf']);
    expect((await getRecord(app.deps, app.reviewer, b)).attachments.map((x) => [x.fileName, x.addedByName])).toEqual([['判决书副本.pdf', '张审核']]);
  });

  it('refuses an empty file (field file) and an unknown record (NOT_FOUND), storing nothing', async () => {
    const id = await create();
    const empty = await errorOf(addRecordAttachment(app.deps, app.clerk, id, '空.txt', Buffer.alloc(0)));
    expect(empty).toMatchObject({ code: 'VALIDATION', field: 'file' });
    const unknown = await errorOf(addRecordAttachment(app.deps, app.clerk, '00000000-0000-4000-8000-000000000000', 'a.txt', Buffer.from('x')));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(fs.existsSync(path.join(app.dataDir, 'attachments'))).toBe(false);
  });
});
