/** The list and search queries the bench times: what clerks do with the 政务失信记录 list page. */
import type { RecordListQuery } from '../../electron/services/records/recordQuery';
import type { GeneratedRecord } from './generate';

export type ListQuery = RecordListQuery & { page: number; pageSize: number };

export interface Scenario {
  /** Short name for the breakdown table. */
  name: string;
  query: Omit<ListQuery, 'page' | 'pageSize'>;
}

const byUpdated = { sortBy: 'updatedAt', sortOrder: 'desc' } as const;

/** Filtered lists (no search text), sorted by the columns the list page offers; the unit-name filter among them. */
export const LIST_SCENARIOS: Scenario[] = [
  { name: '全部 按更新时间', query: { ...byUpdated } },
  { name: '全部 按发生日期↑', query: { sortBy: 'happenedOn', sortOrder: 'asc' } },
  { name: '全部 按单位名称', query: { sortBy: 'unitName', sortOrder: 'asc' } },
  { name: '全部 按严重程度', query: { sortBy: 'severity', sortOrder: 'desc' } },
  { name: '全部 按金额', query: { sortBy: 'amountFen', sortOrder: 'desc' } },
  { name: '状态=核实中', query: { ...byUpdated, statuses: ['verifying'] } },
  { name: '状态=整改中 按认定日期', query: { statuses: ['rectifying'], sortBy: 'recognisedOn', sortOrder: 'desc' } },
  { name: '状态=已认定+整改中', query: { ...byUpdated, statuses: ['recognised', 'rectifying'] } },
  { name: '情形+领域 按发生日期', query: { situations: ['拖欠企业账款'], sectors: ['乡镇街道'], sortBy: 'happenedOn', sortOrder: 'desc' } },
  { name: '情形=新官不理旧账', query: { ...byUpdated, situations: ['新官不理旧账'] } },
  { name: '领域=招商引资 按金额', query: { sectors: ['招商引资'], sortBy: 'amountFen', sortOrder: 'desc' } },
  { name: '发生日期 2024上半年', query: { happenedFrom: '2024-01-01', happenedTo: '2024-06-30', sortBy: 'happenedOn', sortOrder: 'asc' } },
  { name: '发生日期 2023年 按更新', query: { ...byUpdated, happenedFrom: '2023-01-01', happenedTo: '2023-12-31' } },
  { name: '认定日期 2025年', query: { recognisedFrom: '2025-01-01', recognisedTo: '2025-12-31', sortBy: 'recognisedOn', sortOrder: 'desc' } },
  { name: '严重程度=严重', query: { ...byUpdated, severities: ['严重'] } },
  { name: '严重+较重 按金额', query: { severities: ['严重', '较重'], sortBy: 'amountFen', sortOrder: 'desc' } },
  { name: '个人主体', query: { ...byUpdated, subjectTypes: ['person'] } },
  { name: '线索=12345 状态=整改中', query: { ...byUpdated, clueSources: ['12345热线'], statuses: ['rectifying'] } },
  { name: '单位含“街道办事处”', query: { ...byUpdated, unit: '街道办事处' } },
  { name: '单位含“镇”（1字）', query: { ...byUpdated, unit: '镇' } },
  { name: '单位含“人民政府” 按主体', query: { unit: '人民政府', sortBy: 'subjectName', sortOrder: 'asc' } },
  { name: '全部 按主体（拼音）', query: { sortBy: 'subjectName', sortOrder: 'asc' } },
  { name: '状态+领域+日期 按严重程度', query: { statuses: ['recognised'], sectors: ['乡镇街道'], happenedFrom: '2022-01-01', sortBy: 'severity', sortOrder: 'desc' } },
];

/** Scenarios the issue names a goal of their own: a one-character term, and the unit-name filter (≤ 100 ms p95). */
export const isOneCharOrUnit = (scenario: Scenario) =>
  Boolean(scenario.query.unit) || scenario.name.startsWith('1字');

/** Search-box queries: 1-character terms, 2-character terms, 3–6 character terms, names, document-number fragments, and with filters. */
export function searchScenarios(sample: readonly GeneratedRecord[]): Scenario[] {
  const person = sample.find((r) => r.fields.subjectType === 'person')!.fields.personName!;
  const street = sample.map((r) => /区(..)街道办事处$/.exec(r.fields.unitName)?.[1]).find(Boolean)!;
  const court = sample.map((r) => /^\((\d{4})\)(.\d{4})(行初|民初)/.exec(r.fields.docNumber ?? '')).find(Boolean)!;
  const s = (name: string, search: string, extra: Omit<Scenario['query'], 'sortBy' | 'sortOrder'> = {}): Scenario => ({
    name: `${name} “${search}”`,
    query: { ...byUpdated, ...extra, search },
  });
  return [
    s('2字', '街道'),
    s('2字', '拖欠'),
    s('2字', '镇政'),
    s('2字', '工程'),
    s('2字', '判决'),
    s('2字', '社区'),
    s('2字', '奖补'),
    s('2字 姓名', person),
    s('3字', '工程款'),
    s('4字', '招商引资'),
    s('4字', '行政诉讼'),
    s('5字', '街道办事处'),
    s('5字', '失信被执行'),
    s('5字', '农民工工资'),
    s('6字', '老旧小区改造'),
    s('6字', '未按约定兑现'),
    s('街道名', `${street}街道`),
    s('文书号', `${court[2]}${court[3]}`),
    s('文书号', `(${court[1]})${court[2]}`),
    s('文书号', '纪处'),
    s('1字', '镇'),
    s('1字', '款'),
    s('1字', '诉'),
    s('1字+状态', '街', { statuses: ['rectifying'] }),
    s('2字+单位', '拖欠', { unit: '街道' }),
    s('2字+状态', '拖欠', { statuses: ['rectifying'] }),
    s('2字+严重', '街道', { severities: ['严重'] }),
    s('3字+日期', '工程款', { happenedFrom: '2024-01-01', happenedTo: '2024-12-31' }),
    s('4字+情形', '招商引资', { situations: ['未守信践诺'] }),
  ];
}
