import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import { createRecord } from '../../electron/services/records';
import { createUser, initializeOffice, toActor } from '../../electron/services/users/usersService';
import { decide, publishDictionary, publishUnit } from '../platform/changes';
import { startE2e, type E2eEnv } from '../support/browser';
import { e2eActions } from '../support/e2eActions';
import { makeDevice, platformForTest, signedRequest, type TestPlatform } from '../support/platformRequests';
import { numberedUscc, unitRecord } from '../support/recordFixtures';
import { TEST_OFFICE, TEST_PASSWORD, tempDir } from '../support/testApp';

/**
 * 上报平台 in Chromium through the harness, against the reference platform: an administrator enrols the
 * workstation, a clerk uploads with 立即上报 and sees 已上报; a record the platform refuses shows why, is
 * corrected and accepted; a 撤销 decision comes back and is in the record's history as 市平台's.
 */

let env: E2eEnv;
let platform: TestPlatform;
const ids: { good: string; refused: string } = { good: '', refused: '' };
const REFUSED_USCC = numberedUscc(2);

beforeAll(async () => {
  const dataDir = tempDir('ledger-e2e-sync-');
  const db = await openDatabase(dataDir);
  const deps = { db, dataDir, now: () => new Date() };
  const admin = await initializeOffice(deps, TEST_OFFICE, { username: 'admin', displayName: '王管理', password: TEST_PASSWORD });
  const clerk = toActor(await createUser(deps, admin, { username: 'clerk', displayName: '李录入', role: 'clerk', password: TEST_PASSWORD, mustChangePassword: false }));
  ids.good = (await createRecord(deps, clerk, unitRecord({ unitName: '青禾镇人民政府', unitUscc: numberedUscc(1) }))).id;
  ids.refused = (await createRecord(deps, clerk, unitRecord({ unitName: '白沙街道办事处', unitUscc: REFUSED_USCC }))).id;
  // As if queued by an older program that took a wrong check character: the platform's own check refuses it.
  const wrong = REFUSED_USCC.slice(0, 17) + (REFUSED_USCC[17] === '0' ? '1' : '0');
  await db.write((sql) => sql.run(`UPDATE outbox SET data_json = json_set(data_json, '$.unitUscc', ?) WHERE item_id = ?`, wrong, ids.refused));
  await db.close();
  platform = await platformForTest();
  env = await startE2e(dataDir, { sync: { schedule: false } });
  await env.page.setViewportSize({ width: 1280, height: 720 });
});
afterAll(async () => {
  await env?.close();
  await platform?.close();
});

const { poll, loose, button, field, navItem, pageHead, shoot, login, logout } = e2eActions(() => env);
const formItem = (label: string) => env.page.locator('.ant-form-item').filter({ has: field(label) });
const uploadTag = () => env.page.locator('.upload-state-tag');

async function openRecord(id: string) {
  await env.page.evaluate((path) => (window.location.hash = path), `#/records/${id}`);
  await poll(() => uploadTag().count()).toBe(1);
}

describe('enrolment (管理员)', () => {
  it('shows 未连接平台 in the header, refuses a wrong code on its field, and enrols with the right one', async () => {
    await login('admin');
    expect(await env.page.locator('.sync-status').textContent()).toMatch(/未连接平台.*待上报 2 条/);
    await navItem('上报平台').click();
    await field('平台地址').fill(platform.url);
    await field('登记码').fill('WRONG-CODE');
    await button('登记本机').click();
    await poll(() => env.page.locator('.ant-form-item-explain-error').textContent()).toMatch(/登记被拒绝/);
    await field('登记码').fill(platform.store.issueCode(TEST_OFFICE.officeUscc, new Date().toISOString()));
    await button('登记本机').click();
    await poll(() => env.page.locator('.sync-page').textContent()).toContain('本机设备号');
    expect(await env.page.locator('.sync-page').textContent()).toContain('0600');
    await shoot('sync-enrolled');
    await logout();
  });
});

describe('upload (录入员)', () => {
  it('立即上报: the batch is answered, one record accepted, one refused with the platform\'s reason', async () => {
    await login('clerk');
    await navItem('上报平台').click();
    await button('立即上报').click();
    await poll(() => env.page.locator('.batch-table .ant-table-row').count()).toBe(1);
    expect(await env.page.locator('.batch-table .ant-table-row').textContent()).toContain('接收 1 · 过期 0 · 退回 1');
    // the header follows at once, not at its next timer
    await poll(() => env.page.locator('.sync-status').textContent()).toMatch(/待上报 0 条 · 上次成功 \d{4}-/);
    await env.page.getByRole('tab', { name: /被退回的条目/ }).click();
    const rejected = env.page.locator('.rejected-table .ant-table-row');
    await poll(() => rejected.count()).toBe(1);
    expect(await rejected.textContent()).toContain('白沙街道办事处');
    expect(await rejected.textContent()).toContain('统一社会信用代码');
    await shoot('sync-rejected-items');
    await env.page.getByRole('tab', { name: /批次记录/ }).click();
    await button('回执报告').click();
    const report = env.page.getByRole('dialog', { name: '上报回执报告' });
    await poll(() => report.locator('.ant-table-row').count()).toBe(2);
    expect(await report.textContent()).toContain('已接收');
    expect(await report.textContent()).toContain('被退回');
    await shoot('sync-receipt-report');
    await report.locator('.ant-modal-footer').getByRole('button', { name: loose('关闭') }).click();
  });

  it('the accepted record shows 已上报; the refused one shows 被退回 and why, and after the correction 已上报', async () => {
    // each row of the list says where it stands
    await navItem('政务失信记录').click();
    await poll(async () => (await env.page.locator('.records-page .ant-table-row .upload-state-tag').allTextContents()).sort()).toEqual(['已上报', '被退回'].sort());
    await shoot('records-list-upload-tags');
    await openRecord(ids.good);
    await poll(() => uploadTag().textContent()).toBe('已上报');
    await openRecord(ids.refused);
    await poll(() => uploadTag().textContent()).toBe('被退回');
    expect(await pageHead().textContent()).toMatch(/统一社会信用代码.*校验/);
    await shoot('record-upload-rejected');
    await button('编辑').click();
    await poll(() => field('统一社会信用代码').inputValue()).toBe(REFUSED_USCC);
    await button('保存').click();
    await poll(() => pageHead().textContent()).toContain('第 2 版');
    await poll(() => uploadTag().textContent()).toBe('待上报');
    await navItem('上报平台').click();
    await button('立即上报').click();
    await poll(() => env.page.locator('.batch-table .ant-table-row').count()).toBe(2);
    await openRecord(ids.refused);
    await poll(() => uploadTag().textContent()).toBe('已上报');
    expect(await env.page.locator('.sync-status').textContent()).toMatch(/待上报 0 条.*上次成功/);
  });
});

describe('a decision of the city', () => {
  it('撤销 pulled back: a new version by 市平台 in the record\'s history', async () => {
    decide(platform.store, { id: ids.good, kind: 'dishonesty_record', status: 'revoked', note: '异议成立，予以撤销' }, new Date().toISOString());
    await navItem('上报平台').click();
    await button('立即上报').click();
    await poll(() => env.page.getByText('已应用市平台的 1 项决定').isVisible()).toBe(true);
    await openRecord(ids.good);
    await poll(() => pageHead().textContent()).toContain('撤销');
    const history = env.page.locator('.version-timeline');
    await poll(() => history.textContent()).toContain('市平台决定');
    expect(await history.textContent()).toContain('市平台');
    expect(await history.textContent()).toContain('异议成立，予以撤销');
    await shoot('record-platform-decision');
  });
});

describe('the file route (no connection)', () => {
  it('写出上报文件 → uploaded elsewhere → a tampered receipts file is refused whole, the real one marks it 已上报', async () => {
    await navItem('上报平台').click();
    await poll(() => env.page.locator('.sync-status').textContent()).toMatch(/待上报 1 条/); // the 撤销 version goes up too
    const [download] = await Promise.all([env.page.waitForEvent('download'), button('写出上报文件').click()]);
    expect(download.suggestedFilename()).toMatch(/\.ledgerbatch$/);
    const batchFile = fs.readFileSync((await download.path())!);
    // at a machine with a connection, another enrolled device of the office uploads it and fetches the receipts
    const carrier = await platform.enrol(makeDevice(TEST_OFFICE.officeUscc));
    const taken = await signedRequest(platform.url, carrier, 'POST', '/v1/batch-files', batchFile, { contentType: 'application/octet-stream' });
    expect(taken.status).toBe(200);
    const receipts = await signedRequest(platform.url, carrier, 'GET', `/v1/receipts-file?batchIds=${taken.json.results[0].batchId}`);
    const dir = tempDir('ledger-e2e-usb-');
    const good = path.join(dir, 'office.ledgerreceipts');
    fs.writeFileSync(good, receipts.bytes);
    const content = JSON.parse(gunzipSync(receipts.bytes).toString());
    const forged = path.join(dir, 'forged.ledgerreceipts');
    fs.writeFileSync(forged, gzipSync(JSON.stringify({ ...content, results: content.results.map((r: { receipts: object[] }) => ({ ...r, receipts: r.receipts.map((x) => ({ ...x, status: 'rejected' })) })) })));

    const input = env.page.locator('.file-transfer input[type=file]');
    await input.setInputFiles(forged);
    const refusal = env.page.getByRole('dialog').filter({ hasText: '回执文件未导入' });
    await poll(() => refusal.isVisible()).toBe(true);
    expect(await refusal.textContent()).toMatch(/签名.*未导入任何内容/);
    await shoot('sync-receipts-refused');
    await button('知道了', refusal).or(button('确定', refusal)).first().click();
    await poll(() => env.page.locator('.sync-status').textContent()).toMatch(/待上报 1 条/);

    await input.setInputFiles(good);
    await poll(() => env.page.getByText('已导入回执：1 个批次').isVisible()).toBe(true);
    await poll(() => env.page.locator('.sync-status').textContent()).toMatch(/待上报 0 条/);
    await openRecord(ids.good);
    await poll(() => uploadTag().textContent()).toBe('已上报');
  });
});

describe('the city\'s directory of units', () => {
  it('a unit the city publishes is pulled, then a name typed in the record form offers it and fills its code; a typed code fills the name', async () => {
    const uscc = numberedUscc(7);
    publishUnit(platform.store, { uscc, name: '青云湖街道办事处', unitType: '街道办事处', parentUscc: null }, new Date().toISOString());
    publishDictionary(platform.store, { name: '失信情形', version: 1, entries: [{ code: 'A3', label: '拖欠企业账款' }, { code: 'Z9', label: '违规举债' }] }, new Date().toISOString());
    await navItem('上报平台').click();
    await button('立即上报').click();
    await poll(() => env.page.getByText('已更新市平台的单位名录和代码表 2 项').count()).toBe(1);

    await navItem('政务失信记录').click();
    await button('新建记录').click();
    await field('单位名称').fill('青云');
    const option = env.page.locator('.ant-select-dropdown:visible .directory-option');
    await poll(() => option.count()).toBe(1);
    expect(await option.textContent()).toContain(uscc);
    await shoot('record-form-unit-directory');
    await field('单位名称').press('ArrowDown');
    await field('单位名称').press('Enter');
    await poll(() => field('统一社会信用代码').inputValue()).toBe(uscc);
    expect(await field('单位名称').inputValue()).toBe('青云湖街道办事处');

    // the city's code list: its code finds a choice; what it adds that this version lacks is shown, not choosable
    await field('失信情形').click();
    await field('失信情形').fill('A3');
    const choices = env.page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await poll(() => choices.allTextContents()).toEqual(['拖欠企业账款（A3）']);
    await field('失信情形').fill('Z9');
    await poll(() => env.page.locator('.ant-select-dropdown:visible .ant-select-item-option-disabled').textContent()).toContain('违规举债（Z9，市平台新增');
    await shoot('record-form-city-codes');
    await field('失信情形').fill('A3');
    await field('失信情形').press('Enter');
    await poll(() => formItem('失信情形').locator('.ant-select').textContent()).toContain('拖欠企业账款（A3）');

    // the other way: a cleared name is filled from a code typed in full
    await field('单位名称').fill('');
    await field('统一社会信用代码').fill('');
    await field('统一社会信用代码').fill(uscc);
    await poll(() => field('单位名称').inputValue()).toBe('青云湖街道办事处');
  });
});
