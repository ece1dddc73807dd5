import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/database';
import type { Actor } from '../../electron/services/context';
import { createRecord, transitionRecord } from '../../electron/services/records';
import { startE2e, type E2eEnv } from '../support/browser';
import { e2eSteps, E2E_REVIEWER, officeDataDir, poll } from '../support/e2eSteps';
import { unitUscc } from '../support/commitmentFixtures';
import { unitRecord } from '../support/recordFixtures';
import { TEST_OFFICE, tempDir } from '../support/testApp';

/**
 * The 限期整改通知书 story in Chromium at 1280×720, tests in order: a reviewer takes 下发整改 on a recognised
 * record (the draft notice is made of it and linked both ways), edits the draft, issues it (the number is
 * given), previews the printed page, saves the PDF, records the township's reply with its document, verifies
 * the rectification — and the record shows 已整改. Then the list's filters and the settings' test page.
 */

let env: E2eEnv;
let recordId: string;
let workDir: string;
const UNIT = '青禾镇农业服务中心';
const DIRECTORY_UNIT = { uscc: unitUscc(57), name: '青禾镇人民政府' };
const year = new Date().getFullYear();
const NUMBER = `${TEST_OFFICE.noticePrefix}〔${year}〕1号`;

beforeAll(async () => {
  const dataDir = await officeDataDir('ledger-e2e-notices-');
  workDir = tempDir('ledger-e2e-notices-files-');
  const db = await openDatabase(dataDir);
  const deps = { db, dataDir, now: () => new Date() };
  const users = await db.read((sql) => sql.all<{ id: string; username: string; display_name: string; role: Actor['role'] }>(`SELECT id, username, display_name, role FROM users`));
  const actor = (name: string): Actor => {
    const u = users.find((x) => x.username === name)!;
    return { id: u.id, username: u.username, displayName: u.display_name, role: u.role };
  };
  const r = await createRecord(deps, actor('clerk'), unitRecord({ unitName: UNIT, amountFen: 8800000, facts: '拖欠某某农机合作社农机采购款88,000.00元，经法院判决后仍未履行。' }));
  recordId = (await transitionRecord(deps, actor('reviewer'), { id: r.id, expectedVersion: r.version, action: 'approve' })).id;
  // a unit of the city's directory, as a pull from the platform leaves it
  await db.write((sql) => sql.run(`INSERT INTO platform_units (uscc, name, unit_type, parent_uscc, updated_at) VALUES (?, ?, '乡镇人民政府', NULL, ?)`, DIRECTORY_UNIT.uscc, DIRECTORY_UNIT.name, new Date().toISOString()));
  await db.close();
  env = await startE2e(dataDir);
  await env.page.setViewportSize({ width: 1280, height: 720 });
}, 120_000);
afterAll(async () => {
  await env?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

const { button, field, fieldError, login, logout } = e2eSteps(() => env);
const heading = () => env.page.locator('.page-head h4').first();
const modal = () => env.page.locator('.ant-modal').last();

async function shoot(name: string) {
  await env.page.mouse.move(0, 0);
  await poll(() => env.page.locator('.ant-message-notice').count()).toBe(0);
  await env.screenshot(name);
}

async function typeDate(label: string, date: string) {
  await field(label).click();
  await field(label).fill(date);
  await env.page.keyboard.press('Enter');
  await poll(() => field(label).inputValue()).toBe(date);
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

async function move(action: string, inputs: Array<[string, string]> = [], date?: [string, string]) {
  await button(action).click();
  await poll(() => modal().isVisible()).toBe(true);
  if (date) await typeDate(date[0], date[1]);
  for (const [label, value] of inputs) await field(label).fill(value);
  await button(`确认${action}`, modal()).click();
  await poll(() => modal().isVisible()).toBe(false);
}

describe('a reviewer follows a notice from the record to the end', () => {
  it('下发整改 on the record drafts the notice and links it', async () => {
    await login(E2E_REVIEWER.username);
    await env.page.goto(`${env.harness.url.split('#')[0].replace(/\?.*$/, '')}#/records/${recordId}`);
    await poll(() => heading().textContent()).toContain(UNIT);
    await move('下发整改', [['整改要求', '一、书面说明未履行判决的原因；\n二、限期支付拖欠款项。']], ['整改期限', `${year + 1}-01-31`]);
    await poll(() => env.page.locator('.page-head').first().textContent()).toContain('整改中');
    const link = env.page.locator('.notices-of-source a');
    await poll(() => link.textContent()).toContain('草稿');
    await link.click();
    await poll(() => heading().textContent()).toContain('限期整改通知书（草稿）');
    const content = await env.page.locator('.notice-detail-page').textContent();
    expect(content).toContain(UNIT);
    expect(content).toContain('拖欠某某农机合作社');
    expect(content).toContain('国发〔2016〕76号');
  });

  it('edits the draft in the form and saves with Ctrl+S', async () => {
    await button('编辑').click();
    await poll(() => field('抄送').isVisible()).toBe(true);
    await field('抄送').fill('区发展和改革委员会，区纪委监委');
    await shoot('notice-form');
    await env.page.keyboard.press('Control+s');
    await poll(() => heading().textContent()).toContain('限期整改通知书（草稿）');
    expect(await env.page.locator('.notice-detail-page').textContent()).toContain('区纪委监委');
  });

  it('offers the city’s directory for 主送单位; names a wrong code under its field while typing; Enter in a box does not save', async () => {
    await button('编辑').click();
    const code = field('主送单位统一社会信用代码');
    const good = unitRecord().unitUscc!; // the record's code, which the notice took
    await poll(() => code.inputValue()).toBe(good);
    // part of a name offers the directory's unit; choosing it fills its code
    await field('主送单位').fill('青禾镇人');
    await poll(() => env.page.locator('.ant-select-dropdown:visible .directory-option').count()).toBe(1);
    await field('主送单位').press('ArrowDown');
    await field('主送单位').press('Enter');
    await poll(() => code.inputValue()).toBe(DIRECTORY_UNIT.uscc);
    expect(await field('主送单位').inputValue()).toBe(DIRECTORY_UNIT.name);
    await field('主送单位').fill(UNIT); // this notice goes to the record's unit after all
    await code.fill(`${good.slice(0, 17).toLowerCase()}X`);
    await poll(() => fieldError('主送单位统一社会信用代码').textContent()).toContain('校验位');
    expect(await code.inputValue()).toBe(`${good.slice(0, 17)}X`); // typed in capitals
    await field('抄送').fill('区发展和改革委员会');
    await env.page.keyboard.press('Enter');
    await env.page.waitForTimeout(300);
    expect(await heading().textContent()).toBe('编辑整改通知书（草稿）');
    await code.fill(good);
    await poll(() => fieldError('主送单位统一社会信用代码').count()).toBe(0);
  });

  it('keeps what was typed through a closed window: 继续填写未保存的草稿 restores it, and Ctrl+S saves it', async () => {
    await field('抄送').fill('区发展和改革委员会，区纪委监委，区审计局');
    await env.page.goto('about:blank'); // the window closes before the draft's timer
    await env.restartHarness();
    await login(E2E_REVIEWER.username);
    const resume = button('继续填写未保存的草稿');
    await poll(() => resume.isVisible()).toBe(true);
    await resume.click();
    await poll(() => heading().textContent()).toBe('编辑整改通知书（草稿）');
    await poll(() => field('抄送').inputValue()).toBe('区发展和改革委员会，区纪委监委，区审计局');
    expect(await field('主送单位统一社会信用代码').inputValue()).toBe(unitRecord().unitUscc);
    expect(await env.page.locator('.ant-alert').filter({ hasText: '已恢复未保存的草稿' }).isVisible()).toBe(true);
    await shoot('notice-form-restored');
    await env.page.keyboard.press('Control+s');
    await poll(() => heading().textContent()).toContain('限期整改通知书（草稿）');
    expect(await env.page.locator('.notice-detail-page').textContent()).toContain('区审计局');
    // The draft went with the save: the form opens clean, and nothing is offered to resume.
    await button('编辑').click();
    await poll(() => field('抄送').inputValue()).toBe('区发展和改革委员会，区纪委监委，区审计局');
    expect(await env.page.locator('.ant-alert').filter({ hasText: '已恢复未保存的草稿' }).count()).toBe(0);
    await env.page.keyboard.press('Escape');
    await poll(() => heading().textContent()).toContain('限期整改通知书（草稿）');
  });

  it('issues it: the number is given', async () => {
    await move('签发');
    await poll(() => heading().textContent()).toBe(NUMBER);
    expect(await env.page.locator('.page-head').first().textContent()).toContain('已发出');
    // its edit page, reached by its address, says at once that an issued notice is not edited
    const detail = env.page.url();
    await env.page.goto(`${detail}/edit`);
    await poll(() => env.page.locator('.ant-result-title').textContent()).toBe('该通知书已发出，不能再修改');
    await env.page.getByRole('button', { name: '返回通知书' }).click();
    await poll(() => heading().textContent()).toBe(NUMBER);
  });

  it('previews the printed page and saves the PDF', async () => {
    await button('预览').click();
    const preview = env.page.getByTestId('notice-preview');
    await poll(() => preview.evaluate((el) => el.shadowRoot?.querySelectorAll('.sheet').length ?? 0)).toBeGreaterThan(0);
    const text = await preview.evaluate((el) => el.shadowRoot?.textContent ?? '');
    expect(text).toContain('限期整改通知书');
    expect(text).toContain(`${UNIT}：`);
    expect(text).toContain(NUMBER);
    await preview.scrollIntoViewIfNeeded();
    await shoot('notice-preview');
    const [download] = await Promise.all([env.page.waitForEvent('download'), button('保存 PDF').click()]);
    const file = path.join(workDir, 'notice.pdf');
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(execFileSync('pdftotext', ['-layout', file, '-']).toString()).toContain(`${UNIT}：`);
    await poll(() => env.page.locator('.notice-detail-page').textContent()).toContain('0 次 / 1 次');
  });

  it('records the reply with its document, then verifies it', async () => {
    await move('登记回复', [['回复摘要', '已于本月支付全部拖欠款项，并建立合同履约台账。']], ['回复日期', today()]);
    await poll(() => env.page.locator('.page-head').first().textContent()).toContain('已回复');
    const reply = path.join(workDir, '整改情况报告.pdf');
    fs.copyFileSync(path.join(workDir, 'notice.pdf'), reply);
    await env.page.locator('.notice-detail-page input[type=file]').setInputFiles(reply);
    await poll(() => env.page.locator('.notice-detail-page').textContent()).toContain('整改情况报告.pdf');
    await move('验收', [['验收意见', '款项已付清，整改到位。']], ['验收日期', today()]);
    await poll(() => env.page.locator('.page-head').first().textContent()).toContain('已验收');
    await shoot('notice-detail');
  });

  it('the record shows 已整改 and its notice', async () => {
    await env.page.locator('.notice-detail-page a', { hasText: '政务失信记录' }).click();
    await poll(() => env.page.locator('.page-head').first().textContent()).toContain('已整改');
    await poll(() => env.page.locator('.notices-of-source').textContent()).toContain(NUMBER);
  });

  it('the list finds the notice by part of its addressee', async () => {
    await env.page.locator('.frame-sider').getByRole('menuitem', { name: '整改通知书', exact: true }).click();
    await poll(() => env.page.locator('.notices-table .ant-table-row').count()).toBe(1);
    await env.page.getByPlaceholder('文号、主送单位、事实').fill('青禾');
    await env.page.keyboard.press('Enter');
    await poll(() => env.page.locator('.notices-table .ant-table-row').first().textContent()).toContain(NUMBER);
    expect(await env.page.locator('.notices-table .ant-table-row .upload-state-tag').first().textContent()).toBe('待上报');
    await shoot('notices-list');
    await logout();
  });
});

describe('the administrator checks the printer', () => {
  it('prints the test page from the settings', async () => {
    await login('admin');
    await env.page.locator('.frame-sider').getByRole('menuitem', { name: '系统设置', exact: true }).click();
    await poll(() => env.page.locator('.notice-settings-card').isVisible()).toBe(true);
    // the card shows before its settings have loaded: wait for them
    await poll(() => env.page.locator('.notice-settings-card textarea').first().inputValue()).toContain('国发〔2016〕76号');
    const [download] = await Promise.all([env.page.waitForEvent('download'), button('打印测试页（样张）').click()]);
    const file = path.join(workDir, 'sample.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('样张');
    expect(text).toContain(TEST_OFFICE.officeName);
    await env.page.locator('.notice-settings-card').scrollIntoViewIfNeeded();
    await shoot('notice-settings');
  });
});
