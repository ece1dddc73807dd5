/**
 * The 公开承诺 part of the bench: 20,000 generated commitments beside the records (same database), loaded
 * through the service's insertCommitment (row + version + audit + outbox, and the system's 逾期未兑现 for
 * those already past their due date), then the list with its filters and sorts, the search box, and saving
 * one commitment (new, edit in place, correction of a confirmed one, a supervision entry).
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '../../electron/db/database';
import type { Actor, ServiceDeps } from '../../electron/services/context';
import {
  createCommitment, insertCommitment, loadCommitmentRow, queryCommitments, superviseCommitment, transitionCommitment, updateCommitment,
  type CommitmentListQuery,
} from '../../electron/services/commitments';
import { fieldsOf } from '../../electron/services/commitments/commitmentRow';
import { COMMITMENT_VERSIONING } from '../../electron/services/commitments/commitmentsService';
import { logVersion } from '../../electron/services/ledger/versionedEntity';
import { COMMITMENT_TYPES, PUBLISH_CHANNELS, SERVICE_AREAS } from '../../shared/domain/commitments';
import type { CommitmentFields } from '../../shared/domain/commitmentSchema';
import { computeUsccCheckChar } from '../../shared/validation/uscc';
import { Rng } from './prng';
import { ms, summarize, table, type Summary } from './stats';

const SEED = 20_261_124;
const BATCH = 2_000;
const PAGE_SIZE = 50;

const PLACES = ['青禾', '桃源', '柳溪', '石桥', '云山', '白沙', '金湾', '梅林', '枫林', '长乐', '永安', '新塘', '东坝', '南湖', '西岭', '北港'];
const KINDS = ['镇人民政府', '街道办事处', '乡人民政府'];
const DEPARTMENTS = ['社会事务办', '便民服务中心', '城管办', '综治办', '经济发展办', '党政办', '民政办', '退役军人服务站', '安监办', '村镇建设办'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '建国华明丽芳军伟强敏静磊洋勇艳杰娟涛超';
const SUBJECTS: Record<string, readonly string[]> = {
  就业: ['就业登记', '失业保险金申领', '公益性岗位招聘'], 养老: ['高龄津贴发放', '居家养老服务', '养老服务补贴'], 物业: ['物业纠纷调处', '老旧小区物业托管'],
  就学: ['入学资格审核', '困难学生资助'], 医保: ['医保参保登记', '医疗救助申请'], 住房: ['公租房申请', '危房改造补助'], 停车: ['停车位规划', '违停处置'],
  政务服务: ['证明事项办理', '一窗受理'], 便民服务: ['代办服务', '群众来访接待'],
};
const TARGETS = ['按期办结率 100%', '群众满意率不低于 95%', '3 个工作日内答复', '当日受理、5 日内办结', '覆盖率达 100%'];

function usccOf(n: number): string {
  const first17 = `11320${String(100 + (n % 800)).padStart(3, '0')}MB${String(n).padStart(6, '0')}0`.slice(0, 17);
  return first17 + computeUsccCheckChar(first17);
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** A deterministic commitment: units of about 400 townships, a due date from two years ago to two years ahead. */
export class CommitmentGenerator {
  private readonly rng: Rng;
  private n = 0;
  constructor(seed: number, private readonly prefix = 'BC') {
    this.rng = new Rng(seed);
  }

  next(): CommitmentFields {
    const r = this.rng;
    const i = ++this.n;
    const unit = r.int(0, 399);
    const area = r.pick(SERVICE_AREAS);
    const subject = r.pick(SUBJECTS[area] ?? ['便民服务事项']);
    const published = new Date(Date.UTC(2022, 0, 1) + r.int(0, 1400) * 86_400_000);
    const due = new Date(published.getTime() + r.int(30, 1100) * 86_400_000);
    return {
      unitName: `${PLACES[unit % PLACES.length]}${KINDS[unit % KINDS.length]}${unit >= PLACES.length ? `（第${Math.floor(unit / PLACES.length)}片区）` : ''}`,
      unitUscc: usccOf(unit),
      number: `${this.prefix}-${String(i).padStart(6, '0')}`,
      title: `${subject}${r.pick(['限时办结', '承诺', '服务标准', '公开承诺'])}`,
      content: `${subject}${r.pick(['申请材料齐全的', '群众提出申请的', '符合条件的'])}，自受理之日起 ${r.int(3, 20)} 个工作日内办结，${r.pick(['结果当场告知', '办理进度网上可查', '不能办理的书面说明理由'])}。`,
      commitmentType: r.pick(COMMITMENT_TYPES),
      serviceArea: area,
      target: r.chance(0.8) ? r.pick(TARGETS) : null,
      department: r.pick(DEPARTMENTS),
      responsiblePerson: `${r.pick([...SURNAMES])}${r.pick([...GIVEN])}${r.chance(0.5) ? r.pick([...GIVEN]) : ''}`,
      publishChannel: r.pick(PUBLISH_CHANNELS),
      publishedOn: day(published),
      dueOn: day(due),
    };
  }
}

/** Load `count` commitments unless the ledger holds them already (a kept bench folder). */
export async function seedCommitments(db: Db, clerk: Actor, reviewer: Actor, count: number, onBatch?: (done: number) => void): Promise<number> {
  const have = await db.read((sql) => sql.get<{ n: number }>(`SELECT count(*) AS n FROM public_commitments`)!.n);
  if (have >= count) return 0;
  const gen = new CommitmentGenerator(SEED);
  for (let i = 0; i < have; i++) gen.next();
  const rng = new Rng(SEED + 7);
  for (let done = have; done < count; ) {
    const n = Math.min(BATCH, count - done);
    await db.write((sql) => {
      const at = new Date().toISOString();
      for (let k = 0; k < n; k++) {
        const row = insertCommitment(sql, at, clerk, gen.next(), 'import');
        // about a third confirmed by a reviewer (locked: later edits are corrections)
        if (row.status === 'pending' && rng.chance(0.35)) {
          sql.run(`UPDATE public_commitments SET status = 'performing', locked = 1, confirmed_at = ?, confirmed_by = ?, version = version + 1 WHERE id = ?`, at, reviewer.id, row.id);
          logVersion(sql, COMMITMENT_VERSIONING, at, reviewer, row, loadCommitmentRow(sql, row.id)!, { action: 'confirm' });
        }
      }
    });
    done += n;
    onBatch?.(done);
  }
  await db.refreshStatistics();
  return count - have;
}

type Query = Omit<CommitmentListQuery, never>;
interface Scenario { name: string; query: Query }

const byUpdated = { sortBy: 'updatedAt', sortOrder: 'desc' } as const;
const LIST: Scenario[] = [
  { name: '全部 按更新时间', query: { ...byUpdated } },
  { name: '全部 按承诺期限↑', query: { sortBy: 'dueOn', sortOrder: 'asc' } },
  { name: '全部 按单位名称', query: { sortBy: 'unitName', sortOrder: 'asc' } },
  { name: '全部 按公开日期', query: { sortBy: 'publishedOn', sortOrder: 'desc' } },
  { name: '状态=逾期未兑现', query: { ...byUpdated, statuses: ['overdue'] } },
  { name: '状态=履行中 按期限', query: { statuses: ['performing'], sortBy: 'dueOn', sortOrder: 'asc' } },
  { name: '待确认+履行中', query: { ...byUpdated, statuses: ['pending', 'performing'] } },
  { name: '类型=期限承诺 领域=养老', query: { ...byUpdated, commitmentTypes: ['期限承诺'], serviceAreas: ['养老'] } },
  { name: '领域=政务服务+便民服务', query: { serviceAreas: ['政务服务', '便民服务'], sortBy: 'dueOn', sortOrder: 'desc' } },
  { name: '责任部门=社会事务办', query: { ...byUpdated, departments: ['社会事务办'] } },
  { name: '期限 2025年 按期限', query: { dueFrom: '2025-01-01', dueTo: '2025-12-31', sortBy: 'dueOn', sortOrder: 'asc' } },
  { name: '逾期+部门+期限', query: { statuses: ['overdue'], departments: ['城管办', '综治办'], dueFrom: '2024-01-01', sortBy: 'dueOn', sortOrder: 'desc' } },
];
const SEARCH: Scenario[] = [
  { name: '检索“养老”', query: { ...byUpdated, search: '养老' } },
  { name: '检索“限时办结”', query: { ...byUpdated, search: '限时办结' } },
  { name: '检索“青禾镇”', query: { ...byUpdated, search: '青禾镇' } },
  { name: '检索“公租房”', query: { ...byUpdated, search: '公租房' } },
  { name: '检索“街道办事处 物业”', query: { ...byUpdated, search: '街道办事处 物业' } },
  { name: '检索编号“BC-0012”', query: { ...byUpdated, search: 'BC-0012' } },
  { name: '检索“危房” 逾期', query: { ...byUpdated, search: '危房', statuses: ['overdue'] } },
  { name: '检索“书面说明” 按期限', query: { search: '书面说明', sortBy: 'dueOn', sortOrder: 'asc' } },
];

async function timeScenarios(deps: ServiceDeps, scenarios: Scenario[], rounds: number): Promise<Array<{ name: string; total: number; samples: number[] }>> {
  const results = scenarios.map((s) => ({ name: s.name, total: 0, samples: [] as number[] }));
  for (let round = 0; round < rounds + 2; round++) {
    for (const [i, s] of scenarios.entries()) {
      const t0 = performance.now();
      const page = await queryCommitments(deps, { ...s.query, page: (round % 5) + 1, pageSize: PAGE_SIZE });
      if (round >= 2) results[i].samples.push(performance.now() - t0);
      results[i].total = page.total;
    }
  }
  return results;
}

/** Saves as clerks and reviewers make them: a new commitment, an edit in place, a correction, a supervision entry. */
async function timeSaves(deps: ServiceDeps, db: Db, clerk: Actor, reviewer: Actor, iterations: number): Promise<Record<'create' | 'edit' | 'correct' | 'supervise', number[]>> {
  const runId = Date.now().toString(36);
  const gen = new CommitmentGenerator(SEED + 1, `SV${runId}`);
  const targets = await db.read((sql) => ({
    pending: sql.all<{ id: string }>(`SELECT id FROM public_commitments WHERE status = 'pending' ORDER BY seq DESC LIMIT ?`, iterations + 10),
    locked: sql.all<{ id: string }>(`SELECT id FROM public_commitments WHERE locked = 1 ORDER BY seq LIMIT ?`, iterations + 10),
  }));
  const current = (id: string) => db.read((sql) => { const row = loadCommitmentRow(sql, id)!; return { version: row.version, fields: fieldsOf(row) }; });
  const out = { create: [] as number[], edit: [] as number[], correct: [] as number[], supervise: [] as number[] };
  const timed = async (into: number[], keep: boolean, work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    if (keep) into.push(performance.now() - t0);
  };
  for (let i = 0; i < iterations + 10; i++) {
    const keep = i >= 10;
    await timed(out.create, keep, () => createCommitment(deps, clerk, { ...gen.next(), dueOn: '2099-12-31' }));
    const draft = await current(targets.pending[i].id);
    await timed(out.edit, keep, () => updateCommitment(deps, clerk, { id: targets.pending[i].id, expectedVersion: draft.version, fields: { ...draft.fields, responsiblePerson: `${draft.fields.responsiblePerson.slice(0, 3)}${i}` } }));
    const locked = await current(targets.locked[i].id);
    await timed(out.correct, keep, () => updateCommitment(deps, reviewer, { id: targets.locked[i].id, expectedVersion: locked.version, fields: { ...locked.fields, department: locked.fields.department === '党政办' ? '民政办' : '党政办' }, reason: '责任部门调整' }));
    const after = await current(targets.locked[i].id);
    await timed(out.supervise, keep, () => superviseCommitment(deps, clerk, { id: targets.locked[i].id, expectedVersion: after.version, entry: { kind: 'check', on: '2025-06-01', inspector: '区纪委 刘某', method: '实地检查', finding: '按期办结，公示到位。', result: '符合承诺' } }));
  }
  return out;
}

export interface CommitmentBench {
  commitments_list_p95_ms: number;
  commitments_search_p95_ms: number;
  commitments_save_p95_ms: number;
  commitments_list_p50_ms: number;
  commitments_search_p50_ms: number;
  commitments_save_p50_ms: number;
  commitments_overdue: number;
  commitments: number;
  commitments_load_ms: number | null;
}

/** Load (when needed), then time list, search and save; logs the breakdown, returns the printed keys. */
export async function benchCommitments(
  bench: { db: Db; deps: ServiceDeps; clerk: Actor; reviewer: Actor }, opts: { count: number; rounds: number; saves: number }, log: (...args: unknown[]) => void,
): Promise<CommitmentBench> {
  const t0 = performance.now();
  const loaded = await seedCommitments(bench.db, bench.clerk, bench.reviewer, opts.count, (done) => process.stdout.write(`\r载入公开承诺 ${done}/${opts.count}`));
  const loadMs = loaded > 0 ? performance.now() - t0 : null;
  if (loaded > 0) process.stdout.write(`\n  载入 ${loaded} 项用时 ${((loadMs ?? 0) / 1000).toFixed(1)} s\n`);
  // a transition on a few, so every fulfilment state is in the list
  const few = await bench.db.read((sql) => sql.all<{ id: string; version: number }>(`SELECT id, version FROM public_commitments WHERE status = 'performing' AND outcome_on IS NULL ORDER BY seq LIMIT 20`));
  for (const [i, c] of few.entries()) {
    const action = (['fulfil', 'partiallyFulfil', 'adjust', 'withdraw'] as const)[i % 4];
    await transitionCommitment(bench.deps, bench.reviewer, { id: c.id, expectedVersion: c.version, action, date: '2025-01-02', reason: '基准测试', reference: '镇党委会议纪要', approver: '刘某' });
  }
  const list = await timeScenarios(bench.deps, LIST, opts.rounds);
  const search = await timeScenarios(bench.deps, SEARCH, opts.rounds);
  const saves = await timeSaves(bench.deps, bench.db, bench.clerk, bench.reviewer, opts.saves);
  const row = (r: { name: string; total: number; samples: number[] }) => {
    const s = summarize(r.samples);
    return [r.name, String(r.total), s.p50.toFixed(1), s.p95.toFixed(1), s.max.toFixed(1)];
  };
  log('\n公开承诺 列表 分项');
  log(table(['查询', '命中', 'p50 ms', 'p95 ms', 'max ms'], list.map(row)));
  log('\n公开承诺 搜索 分项');
  log(table(['查询', '命中', 'p50 ms', 'p95 ms', 'max ms'], search.map(row)));
  const saveRows = (Object.entries(saves) as Array<[string, number[]]>).map(([name, samples]) => {
    const s: Summary = summarize(samples);
    return [name, s.p50.toFixed(2), s.p95.toFixed(2), s.max.toFixed(2)];
  });
  log('\n公开承诺 保存单项');
  log(table(['操作', 'p50 ms', 'p95 ms', 'max ms'], saveRows));
  const listAll = summarize(list.flatMap((r) => r.samples));
  const searchAll = summarize(search.flatMap((r) => r.samples));
  const saveAll = summarize(Object.values(saves).flat());
  const counts = await bench.db.read((sql) => sql.get<{ n: number; overdue: number }>(`SELECT count(*) AS n, sum(status = 'overdue') AS overdue FROM public_commitments`)!);
  return {
    commitments_list_p95_ms: ms(listAll.p95),
    commitments_search_p95_ms: ms(searchAll.p95),
    commitments_save_p95_ms: ms(saveAll.p95),
    commitments_list_p50_ms: ms(listAll.p50),
    commitments_search_p50_ms: ms(searchAll.p50),
    commitments_save_p50_ms: ms(saveAll.p50),
    commitments_overdue: counts.overdue,
    commitments: counts.n,
    commitments_load_ms: loadMs === null ? null : Math.round(loadMs),
  };
}
