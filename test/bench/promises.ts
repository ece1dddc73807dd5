/**
 * The investment-promise ledger at bench size (npm run bench; or alone: tsx test/bench/promises.ts):
 * 5,000 projects with 20,000 items and 30,000 payments. Times the items list (filters, sorts, search, pages
 * 1–5), the figures page (all four breakdowns for a year, counted today and on a past day) and the workbench
 * (the office's and one clerk's). Keys: promises_list_p95_ms, figures_p95_ms, workbench_p95_ms.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { WORKBENCH_SOURCES } from '../../electron/services/catalog';
import { buildWorkbench } from '../../electron/services/ledger/workbench';
import { figuresFor, insertProject, queryPromises } from '../../electron/services/promises';
import type { PromiseListQuery } from '../../electron/services/promises/promiseQuery';
import { followingStatus, PROMISE_TYPES } from '../../shared/domain/promises';
import type { ProjectInput } from '../../shared/domain/promiseSchema';
import { computeUsccCheckChar } from '../../shared/validation/uscc';
import { todayIso } from '../../shared/validation/dates';
import { createTestApp, type TestApp } from '../support/testApp';
import { Rng } from './prng';
import { ms, summarize, table, type Summary } from './stats';

const PROJECTS = 5_000;
const ITEMS_PER_PROJECT = 4;
const PAYMENTS = 30_000;
const DEPARTMENTS = ['经济发展办', '城建办', '财政所', '招商服务中心', '农业农村办', '社会事业办', '综合执法局', '党政办'];
const PLACES = ['玄武', '秦淮', '建邺', '鼓楼', '栖霞', '雨花', '江宁', '浦口', '六合', '溧水', '高淳'];
const TRADES = ['智能装备', '新材料', '生物医药', '物流', '电子信息', '新能源', '食品', '文旅', '软件', '汽车零部件'];

const usccOf = (n: number) => {
  const first17 = `913201${String(n).padStart(6, '0')}MA1X${String(n % 1000).padStart(3, '0')}`.slice(0, 17);
  return first17 + computeUsccCheckChar(first17);
};
const day = (d: Date) => d.toISOString().slice(0, 10);

export async function seed(app: TestApp, rng: Rng, today: string): Promise<void> {
  const people = [app.clerk, app.reviewer, app.admin];
  const start = new Date(`${Number(today.slice(0, 4)) - 2}-01-01T00:00:00Z`).getTime();
  const span = 4 * 365 * 86_400_000; // due dates over four years around today
  const itemIds: Array<{ id: string; project: string; amount: number; due: string }> = [];
  for (let from = 0; from < PROJECTS; from += 500) {
    await app.db.write((sql) => {
      for (let p = from; p < Math.min(PROJECTS, from + 500); p++) {
        const enterprise = p % 1500; // about three agreements per enterprise
        const input: ProjectInput = {
          projectName: `${rng.pick(PLACES)}${rng.pick(TRADES)}产业项目${p}`,
          enterpriseName: `南京${rng.pick(PLACES)}${rng.pick(TRADES)}有限公司${enterprise}`,
          enterpriseUscc: usccOf(enterprise),
          agreementNo: `ZS-${2020 + (p % 7)}-${String(p).padStart(5, '0')}`,
          signedOn: day(new Date(start - 200 * 86_400_000)),
          signingBody: `${rng.pick(PLACES)}街道办事处`,
          collectiveDecision: rng.chance(0.7),
          decisionRef: '党工委会议纪要',
          items: Array.from({ length: ITEMS_PER_PROJECT }, () => ({
            type: rng.pick(PROMISE_TYPES), content: `${rng.pick(TRADES)}项目竣工投产后兑现的奖补与配套`, amountFen: rng.int(10, 500) * 1_000_000,
            dueOn: day(new Date(start + rng.int(0, span / 86_400_000) * 86_400_000)), conditions: '竣工验收', department: rng.pick(DEPARTMENTS),
            responsibleUserId: rng.pick(people).id,
          })),
        };
        const row = insertProject(sql, new Date().toISOString(), today, app.clerk, input, 'import');
        for (const i of row.items) itemIds.push({ id: i.id, project: row.id, amount: i.amount_fen, due: i.due_on });
      }
    });
    process.stdout.write(`\r招商引资项目 ${Math.min(PROJECTS, from + 500)}/${PROJECTS}`);
  }
  // Payments straight into the tables (their services' own cost is not what this bench times), with the
  // items' paid amounts and statuses made to agree with them.
  await app.db.write((sql) => {
    const paid = new Map<string, number>();
    const at = new Date().toISOString();
    for (let n = 0; n < PAYMENTS; n++) {
      const item = itemIds[rng.int(0, itemIds.length - 1)];
      const amount = Math.max(100, Math.round(item.amount * rng.int(10, 60) / 100));
      const paidOn = item.due < today ? item.due : today;
      sql.run(
        `INSERT INTO promise_payments (id, item_id, project_id, paid_on, amount_fen, voucher_no, over_confirmed, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
        randomUUID(), item.id, item.project, paidOn, amount, `PZ-${n}`, at, app.clerk.id,
      );
      paid.set(item.id, (paid.get(item.id) ?? 0) + amount);
    }
    for (const item of itemIds) {
      const p = paid.get(item.id) ?? 0;
      sql.run(`UPDATE promise_items SET paid_fen = ?, status = ? WHERE id = ?`, p, followingStatus('pending', item.amount, p, item.due, today), item.id);
    }
  });
  process.stdout.write('\n');
  await app.db.refreshStatistics();
}

async function timed(rounds: number, work: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < rounds + 3; i++) {
    const t0 = performance.now();
    await work();
    if (i >= 3) samples.push(performance.now() - t0);
  }
  return samples;
}

export interface PromiseBenchResult {
  promises_list_p95_ms: number;
  figures_p95_ms: number;
  workbench_p95_ms: number;
  promises_list_p50_ms: number;
  figures_p50_ms: number;
  workbench_p50_ms: number;
  promises_seed_ms: number;
}

export async function benchPromises(rounds = 20, log: (line: string) => void = console.log): Promise<PromiseBenchResult> {
  const app = await createTestApp();
  try {
    const today = todayIso();
    const year = today.slice(0, 4);
    const t0 = performance.now();
    await seed(app, new Rng(20_261_124), today);
    const seedMs = performance.now() - t0;
    const counts = await app.db.read((sql) => sql.get<{ p: number; i: number; pay: number }>(
      `SELECT (SELECT count(*) FROM promise_projects) AS p, (SELECT count(*) FROM promise_items) AS i, (SELECT count(*) FROM promise_payments) AS pay`,
    )!);
    log(`招商引资台账：${counts.p} 个项目、${counts.i} 项承诺、${counts.pay} 笔兑现（生成 ${(seedMs / 1000).toFixed(1)} s）`);
    const base = { sortBy: 'updatedAt', sortOrder: 'desc' } as const;
    const scenarios: Array<[string, Omit<PromiseListQuery, 'page' | 'pageSize'>]> = [
      ['全部 按更新时间', base],
      ['全部 按兑现期限↑', { sortBy: 'dueOn', sortOrder: 'asc' }],
      ['全部 按企业', { sortBy: 'enterpriseName', sortOrder: 'asc' }],
      ['全部 按金额', { sortBy: 'amountFen', sortOrder: 'desc' }],
      ['逾期 按期限', { statuses: ['overdue'], sortBy: 'dueOn', sortOrder: 'asc' }],
      ['未到期+部分 30天内', { statuses: ['pending', 'partial'], dueFrom: today, dueTo: `${year}-12-31`, sortBy: 'dueOn', sortOrder: 'asc' }],
      ['未设路径', { ...base, ways: ['none'] }],
      ['类型=土地供应', { ...base, types: ['土地供应'] }],
      ['责任部门=城建办', { ...base, departments: ['城建办'] }],
      ['我负责的 逾期', { statuses: ['overdue'], mine: true, sortBy: 'dueOn', sortOrder: 'asc' }],
      ['搜索“物流”', { ...base, search: '物流' }],
      ['搜索“玄武智能”', { ...base, search: '玄武智能' }],
      ['期限 今年', { dueFrom: `${year}-01-01`, dueTo: `${year}-12-31`, sortBy: 'dueOn', sortOrder: 'asc' }],
    ];
    const list: number[] = [];
    const rows: string[][] = [];
    for (const [name, q] of scenarios) {
      let page = 0;
      const samples = await timed(rounds, () => queryPromises(app.deps, { ...q, page: (page++ % 5) + 1, pageSize: 50 }, app.clerk.id));
      list.push(...samples);
      const s = summarize(samples);
      rows.push([name, s.p50.toFixed(2), s.p95.toFixed(2)]);
    }
    const figures = [
      ...(await timed(rounds, () => figuresFor(app.deps, `${year}-01-01`, `${year}-12-31`))),
      ...(await timed(rounds, () => figuresFor(app.deps, `${Number(year) - 1}-01-01`, `${Number(year) - 1}-12-31`))),
    ];
    const workbench = [
      ...(await timed(rounds, () => app.db.read((sql) => buildWorkbench(sql, WORKBENCH_SOURCES, { today, userId: null })))),
      ...(await timed(rounds, () => app.db.read((sql) => buildWorkbench(sql, WORKBENCH_SOURCES, { today, userId: app.clerk.id })))),
    ];
    const [l, f, w]: Summary[] = [summarize(list), summarize(figures), summarize(workbench)];
    log(table(['招商引资查询', 'p50 ms', 'p95 ms'], rows));
    log(table(['指标', 'p50', 'p95', '目标'], [
      ['promises list (ms)', l.p50.toFixed(2), l.p95.toFixed(2), 'p95 ≤ 10 ms'],
      ['figures, 4 breakdowns, a year (ms)', f.p50.toFixed(2), f.p95.toFixed(2), 'p95 ≤ 50 ms'],
      ['workbench (ms)', w.p50.toFixed(2), w.p95.toFixed(2), 'p95 ≤ 50 ms'],
    ]));
    return {
      promises_list_p95_ms: ms(l.p95), figures_p95_ms: ms(f.p95), workbench_p95_ms: ms(w.p95),
      promises_list_p50_ms: ms(l.p50), figures_p50_ms: ms(f.p50), workbench_p50_ms: ms(w.p50), promises_seed_ms: Math.round(seedMs),
    };
  } finally {
    await app.close();
  }
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url).pathname)) {
  const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 20;
  console.log(JSON.stringify(await benchPromises(process.argv.includes('--rounds') ? rounds : 20)));
}
