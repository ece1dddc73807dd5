import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright';
import { startHarness } from '../../electron/harness/server';
import { startE2e, type E2eEnv } from '../support/browser';
import { looseButtonName, signInSteps } from '../support/e2eSignIn';

/**
 * The foundation story in one browser session, tests in order: first start, users, sign-in rules, roles
 * enforced by the service, the audit log, the idle lock and the lock screen, and changing a password.
 */

const OFFICE = { name: '某某市某某区某某街道办事处', uscc: '11320102MB0000000F', prefix: '某街诚信' };
const ADMIN = { username: 'admin', displayName: '王管理', password: 'guanli-mima-2026' };
const CLERK = { username: 'clerk', displayName: '李录入', password: 'luru-mima-2026' };
const REVIEWER = { username: 'reviewer', displayName: '张审核', password: 'shenhe-mima-2026' };
const NEW_ADMIN_PASSWORD = 'xin-guanli-mima-2026';
const REVIEWER_OWN_PASSWORD = 'shenhe-ziji-mima-2026';
const NAV = ['工作台', '政务失信记录', '公开承诺', '招商引资承诺', '整改通知书', '上报平台', '审计日志', '用户管理', '系统设置'];

let env: E2eEnv;
const { fill, login, logout } = signInSteps(() => env.page);
beforeAll(async () => {
  env = await startE2e();
  // The renderer's clock is Playwright's (time flows normally until a test moves it); install before loading.
  await env.page.clock.install();
  await env.page.goto(env.harness.url);
});
afterEach(async (context) => {
  // A failed step leaves a picture of the window behind (test-results/screenshots/failed-….png).
  if (context.task.result?.state === 'fail') await env?.screenshot(`failed-${context.task.name.replace(/[^\w\u4e00-\u9fa5]+/g, '-').slice(0, 60)}`).catch(() => undefined);
});
afterAll(async () => { await env?.close(); });

/** Wait for a condition (the default 1 s of expect.poll is short for password hashing on a slow machine). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });
/** The text of whatever matches now (never waits, unlike locator.textContent()). */
const textOf = async (locator: Locator) => (await locator.allTextContents()).join(' ');
const button = (name: string, within: { getByRole: Locator['getByRole'] } = env.page) => within.getByRole('button', { name: looseButtonName(name) });
/** The form item (label, control, messages) that holds the control labelled `label`. */
const formItem = (label: string, within: Locator | E2eEnv['page'] = env.page) =>
  within.locator('.ant-form-item').filter({ has: env.page.getByLabel(label, { exact: true }) });
const fieldError = (label: string, within?: Locator) => formItem(label, within).locator('.ant-form-item-explain-error');
const navItem = (label: string) => env.page.locator('.frame-sider').getByRole('menuitem', { name: label, exact: true });
const userMenu = () => env.page.getByRole('button', { name: '用户菜单' });
const lockScreen = () => env.page.getByText('屏幕已锁定');
/** An alert on the page (not the transient toasts) that says `text`. */
const alertWith = (text: string | RegExp) => env.page.locator('.ant-alert').filter({ hasText: text });

/** Call a channel from the page, with the page's harness token: what any script in the window could do. */
async function callFromPage(channel: string, payload: unknown = {}) {
  return env.page.evaluate(async ([channel, payload]) => {
    const response = await fetch('./api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ledger-token': sessionStorage.getItem('ledger.harnessToken') ?? '' },
      body: JSON.stringify({ channel, payload }),
    });
    return (await response.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string } };
  }, [channel, payload] as const);
}

async function expectSignedInAs(displayName: string) {
  await poll(() => textOf(userMenu())).toContain(displayName);
}

describe('first start', () => {
  it('shows the setup screen on a fresh data folder', async () => {
    const { page } = env;
    await poll(() => page.getByText('首次使用设置').isVisible()).toBe(true);
    for (const label of ['单位名称', '单位统一社会信用代码', '文号前缀', '管理员登录名', '管理员姓名', '管理员密码', '确认密码']) {
      expect(await page.getByLabel(label, { exact: true }).isVisible(), label).toBe(true);
    }
    expect(await button('完成设置').isVisible()).toBe(true);
  });

  it('refuses a bad office USCC with the check-character error under the field', async () => {
    const { page } = env;
    await page.getByLabel('单位名称').fill(OFFICE.name);
    await page.getByLabel('单位统一社会信用代码').fill('11320102MB0000000J');
    await page.getByLabel('单位统一社会信用代码').blur();
    await poll(() => textOf(fieldError('单位统一社会信用代码'))).toContain('校验位');
    expect(await fieldError('单位统一社会信用代码').textContent()).toContain('应为“F”');
    await env.screenshot('setup-error');
  });

  it('completes the setup and signs in as the administrator', async () => {
    const { page } = env;
    await fill({
      单位统一社会信用代码: OFFICE.uscc,
      文号前缀: OFFICE.prefix,
      管理员登录名: ADMIN.username,
      管理员姓名: ADMIN.displayName,
      管理员密码: ADMIN.password,
      确认密码: `${ADMIN.password}x`,
    });
    await button('完成设置').click();
    await poll(() => textOf(fieldError('确认密码'))).toContain('两次输入的密码不一致');
    await fill({ 确认密码: ADMIN.password });
    await poll(() => fieldError('单位统一社会信用代码').count()).toBe(0);
    await env.screenshot('setup');
    await button('完成设置').click();

    await expectSignedInAs(`${ADMIN.displayName}（管理员）`);
    expect(await page.locator('.frame-header').getByText(OFFICE.name).isVisible()).toBe(true);
    for (const label of NAV) expect(await navItem(label).isVisible(), label).toBe(true);
    const sync = page.locator('.sync-status');
    expect(await sync.isVisible()).toBe(true);
    expect(await sync.textContent()).toMatch(/未连接平台.*待上报 0 条/);
    await env.screenshot('home');
  });
});

describe('users', () => {
  async function addUser(user: { username: string; displayName: string; password: string }, role: '录入员' | '审核员') {
    const { page } = env;
    await page.getByRole('button', { name: '添加用户' }).click();
    const modal = page.getByRole('dialog', { name: '添加用户' });
    await poll(() => modal.isVisible()).toBe(true);
    await fill({ 登录名: user.username, 姓名: user.displayName, 初始密码: user.password }, modal);
    await modal.getByLabel('角色', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByText(role, { exact: true }).click();
    await poll(() => textOf(formItem('角色', modal))).toContain(role);
    await button('添加', modal).click();
    return modal;
  }
  const row = (username: string) => env.page.locator('.ant-table-row').filter({ has: env.page.getByRole('cell', { name: username, exact: true }) });

  it('adds a clerk and a reviewer through the modal', async () => {
    await navItem('用户管理').click();
    await poll(() => env.page.getByRole('heading', { name: '用户管理' }).isVisible()).toBe(true);
    for (const [user, role] of [[CLERK, '录入员'], [REVIEWER, '审核员']] as const) {
      const modal = await addUser(user, role);
      await poll(() => modal.isVisible()).toBe(false);
      await poll(() => row(user.username).count()).toBe(1);
      expect(await row(user.username).textContent()).toContain(user.displayName);
      expect(await row(user.username).textContent()).toContain(role);
      expect(await row(user.username).textContent()).toContain('启用');
    }
    expect(await row(ADMIN.username).textContent()).toContain('当前用户');
  });

  it('shows a duplicate login name as a conflict under the field', async () => {
    const modal = await addUser({ username: CLERK.username, displayName: '另一个李', password: CLERK.password }, '录入员');
    await poll(() => textOf(fieldError('登录名', modal))).toContain(`登录名“${CLERK.username}”已被使用`);
    expect(await modal.isVisible()).toBe(true);
    await button('取消', modal).click();
    await poll(() => modal.isVisible()).toBe(false);
    expect(await env.page.locator('.ant-table-row').count()).toBe(3);
  });

  it('disables the clerk after a confirmation', async () => {
    const { page } = env;
    await button('停用', row(CLERK.username)).click();
    const confirm = page.locator('.ant-popconfirm:visible');
    await poll(() => textOf(confirm)).toContain(`停用“${CLERK.displayName}”`);
    await button('停用', confirm).click();
    await poll(() => textOf(row(CLERK.username))).toContain('已停用');
    expect(await button('启用', row(CLERK.username)).isVisible()).toBe(true);
    expect(await row(REVIEWER.username).textContent()).not.toContain('已停用');
    await page.mouse.move(0, 0);
    await env.screenshot('users');
  });
});

describe('signing in', () => {
  it('logs out to the login screen', async () => {
    await logout();
    expect(await env.page.getByText(OFFICE.name).isVisible()).toBe(true);
  });

  it('refuses the disabled clerk', async () => {
    await login(CLERK.username, CLERK.password);
    await poll(() => alertWith('该账号已停用').isVisible()).toBe(true);
    expect(await userMenu().count()).toBe(0);
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    await login(ADMIN.username, 'not-the-password');
    await poll(() => alertWith('登录名或密码不正确').isVisible()).toBe(true);
    // An unknown name gets the very same answer (start from a fresh screen so the first alert is gone).
    await env.page.reload();
    await login('nobody', 'not-the-password');
    await poll(() => alertWith('登录名或密码不正确').isVisible()).toBe(true);
    expect(await userMenu().count()).toBe(0);
    await env.screenshot('login-error');
  });

  it('asks a new user to replace the initial password before anything else', async () => {
    await login(REVIEWER.username, REVIEWER.password);
    await poll(() => env.page.getByText('设置您自己的密码').isVisible()).toBe(true);
    expect(await userMenu().count()).toBe(0);
    expect(await callFromPage('records.list', {})).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    await fill({ 管理员设置的密码: REVIEWER.password, 新密码: REVIEWER_OWN_PASSWORD, 确认新密码: REVIEWER_OWN_PASSWORD });
    await button('保存新密码').click();
    await expectSignedInAs(`${REVIEWER.displayName}（审核员）`);
    await logout();
  });

  it('shows the reviewer no administration, and the service refuses it too', async () => {
    await login(REVIEWER.username, REVIEWER_OWN_PASSWORD);
    await expectSignedInAs(`${REVIEWER.displayName}（审核员）`);
    expect(await navItem('审计日志').isVisible()).toBe(true);
    expect(await navItem('政务失信记录').isVisible()).toBe(true);
    expect(await navItem('用户管理').count()).toBe(0);
    expect(await navItem('系统设置').count()).toBe(0);
    // The previous user's page is not where the next one starts; typing the address shows a refusal, not the page.
    expect(await env.page.evaluate(() => location.hash)).toBe('#/workbench');
    await env.page.evaluate(() => { location.hash = '#/users'; });
    await poll(() => env.page.getByText('无权访问').isVisible()).toBe(true);
    expect(await env.page.getByText('此页面仅限管理员使用，您当前的角色是审核员').isVisible()).toBe(true);
    expect(await env.page.locator('.ant-table').count()).toBe(0);
    await button('返回工作台').click();
    await poll(() => env.page.evaluate(() => location.hash)).toBe('#/workbench');
    // Hidden buttons are not the protection: the service answers FORBIDDEN to the reviewer's session.
    const list = await callFromPage('users.list');
    expect(list).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const create = await callFromPage('users.create', { username: 'sneaky', displayName: '某', role: 'admin', password: 'sneaky-mima-2026' });
    expect(create).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await callFromPage('settings.update', { officeName: '别的单位', officeUscc: OFFICE.uscc, noticePrefix: 'x', idleLockMinutes: 240 }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await logout();
  });
});

describe('audit log', () => {
  it('lists the entries and verifies the chain', async () => {
    const { page } = env;
    await login(ADMIN.username, ADMIN.password);
    await expectSignedInAs(ADMIN.displayName);
    await navItem('审计日志').click();
    const table = page.locator('.ant-table');
    await poll(() => table.locator('.ant-table-row').count()).toBeGreaterThan(5);
    const text = (await table.textContent()) ?? '';
    for (const word of ['初始化', '新建', '登录', '停用', REVIEWER.displayName, ADMIN.displayName]) expect(text, word).toContain(word);
    await button('校验日志链').click();
    await poll(() => alertWith(/日志链完整：已校验 \d+ 条记录/).isVisible()).toBe(true);
    await page.mouse.move(0, 0);
    await env.screenshot('audit');
  });
});

describe('locking', () => {
  it('locks the screen after the idle time set on 系统设置, and unlocks with the password', async () => {
    const { page } = env;
    await navItem('系统设置').click();
    const minutes = page.getByLabel('空闲锁定时间（分钟）');
    await poll(() => minutes.inputValue()).toBe('10');
    expect(await page.getByLabel('单位名称').inputValue()).toBe(OFFICE.name);
    await minutes.fill('1');
    await button('保存').click();
    await poll(() => page.getByText('设置已保存').isVisible()).toBe(true);
    await env.screenshot('settings');

    // Two minutes without a key or the mouse (the page's clock; the renderer locks and tells the service).
    await page.clock.fastForward('02:00');
    await poll(() => lockScreen().isVisible()).toBe(true);
    expect(await button('解锁').isVisible()).toBe(true);
    expect(await page.getByText(ADMIN.displayName).isVisible()).toBe(true);
    expect(await userMenu().count()).toBe(0);
    await env.screenshot('locked');
    expect(await callFromPage('users.list')).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });

    await fill({ 密码: 'not-the-password' });
    await button('解锁').click();
    await poll(() => alertWith('密码不正确').isVisible()).toBe(true);
    expect(await lockScreen().isVisible()).toBe(true);
    await fill({ 密码: ADMIN.password });
    await button('解锁').click();
    await expectSignedInAs(ADMIN.displayName);
    expect((await callFromPage('users.list')).ok).toBe(true);
  });

  it('is locked by the service too when the window stops reporting activity', async () => {
    const { page } = env;
    // Restart the harness on the same folder, port and token with a clock the test moves (the session's idle rule).
    let skew = 0;
    const { port, token } = env.harness;
    await env.harness.close();
    env.harness = await startHarness({ dataDir: env.dataDir, port, token, now: () => Date.now() + skew });
    await page.reload();
    await login(ADMIN.username, ADMIN.password);
    await expectSignedInAs(ADMIN.displayName);
    await navItem('用户管理').click();
    await poll(() => page.locator('.ant-table-row').count()).toBe(3);

    // The service's clock moves two minutes on; the page's does not, so it never locked itself.
    skew = 2 * 60_000;
    await navItem('系统设置').click();
    await poll(() => lockScreen().isVisible()).toBe(true);
    expect(await callFromPage('users.list')).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    await fill({ 密码: ADMIN.password });
    await button('解锁').click();
    await expectSignedInAs(ADMIN.displayName);
    expect((await callFromPage('users.list')).ok).toBe(true);

    // Back to a longer idle time for the rest of the story.
    await navItem('系统设置').click();
    await poll(() => page.getByLabel('空闲锁定时间（分钟）').inputValue()).toBe('1');
    await page.getByLabel('空闲锁定时间（分钟）').fill('30');
    await button('保存').click();
    await poll(() => page.getByText('设置已保存').isVisible()).toBe(true);
  });

  it('locks at once from the user menu; the service refuses calls until unlocked', async () => {
    const { page } = env;
    await userMenu().click();
    await page.getByRole('menuitem', { name: '锁定屏幕' }).click();
    await poll(() => lockScreen().isVisible()).toBe(true);
    for (const channel of ['users.list', 'settings.get', 'audit.list', 'auth.touch']) {
      expect(await callFromPage(channel), channel).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    }
    await fill({ 密码: ADMIN.password });
    await button('解锁').click();
    await expectSignedInAs(ADMIN.displayName);
    expect((await callFromPage('users.list')).ok).toBe(true);
  });
});

describe('changing the password', () => {
  it('changes the password from the user menu and signs in with the new one', async () => {
    const { page } = env;
    await userMenu().click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const modal = page.getByRole('dialog', { name: '修改密码' });
    await poll(() => modal.isVisible()).toBe(true);

    await fill({ 当前密码: 'not-the-password', 新密码: NEW_ADMIN_PASSWORD, 确认新密码: NEW_ADMIN_PASSWORD }, modal);
    await button('保存', modal).click();
    await poll(() => textOf(fieldError('当前密码', modal))).toContain('当前密码不正确');

    await fill({ 当前密码: ADMIN.password }, modal);
    await button('保存', modal).click();
    await poll(() => page.getByText('密码已修改').isVisible()).toBe(true);
    await poll(() => modal.isVisible()).toBe(false);

    await logout();
    await login(ADMIN.username, ADMIN.password);
    await poll(() => alertWith('登录名或密码不正确').isVisible()).toBe(true);
    await login(ADMIN.username, NEW_ADMIN_PASSWORD);
    await expectSignedInAs(`${ADMIN.displayName}（管理员）`);
  });
});
