import type { ImportResult } from '../../shared/contract/ledger';
import { todayIso } from '../../shared/validation/dates';
import type { Actor, ServiceDeps } from '../services/context';
import { figuresFor } from '../services/promises';
import { exportPromisesWorkbook } from '../services/promises/excel/exportPromises';
import { importPromisesWorkbook } from '../services/promises/excel/importPromises';
import { exportRecordsWorkbook } from '../services/records/excel/exportRecords';
import { importRecordsWorkbook } from '../services/records/excel/importRecords';
import { exportCommitmentsWorkbook } from '../services/commitments/excel/exportCommitments';
import { importCommitmentsWorkbook } from '../services/commitments/excel/importCommitments';
import { CliError } from './io';

/** The ledgers `import` and `export` know, by --kind. A ledger that lands later adds one entry here. */
export const LEDGER_FILES: Record<string, {
  label: string;
  unit: string;
  importWorkbook(deps: ServiceDeps, actor: Actor, bytes: Buffer, opts: { dryRun: boolean; fileName?: string }): Promise<ImportResult>;
  exportWorkbook(deps: ServiceDeps): Promise<{ bytes: Buffer; count: number }>;
}> = {
  records: {
    label: '政务失信记录', unit: '条记录',
    importWorkbook: importRecordsWorkbook,
    exportWorkbook: (deps) => exportRecordsWorkbook(deps, { sortBy: 'updatedAt', sortOrder: 'desc' }),
  },
  commitments: {
    label: '公开承诺', unit: '项承诺',
    importWorkbook: importCommitmentsWorkbook,
    exportWorkbook: (deps) => exportCommitmentsWorkbook(deps, { sortBy: 'updatedAt', sortOrder: 'desc' }),
  },
  promises: {
    label: '招商引资承诺', unit: '项承诺事项',
    importWorkbook: importPromisesWorkbook,
    exportWorkbook: (deps) => exportPromisesWorkbook(deps, { sortBy: 'dueOn', sortOrder: 'asc' }, null),
  },
};

export function ledgerFilesOf(kind: string) {
  const ledger = LEDGER_FILES[kind];
  if (!ledger) {
    throw new CliError(`--kind 只能是 ${Object.entries(LEDGER_FILES).map(([k, l]) => `${k}（${l.label}）`).join('、')}`, 2, 'USAGE');
  }
  return ledger;
}

const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `figures`: 兑现率 and overdue figures of the investment promises for a range (default: this year). */
export async function figuresCommand(deps: ServiceDeps, from: string | undefined, to: string | undefined) {
  const today = todayIso(deps.now());
  const start = from ?? `${today.slice(0, 4)}-01-01`;
  const end = to ?? `${today.slice(0, 4)}-12-31`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end) || start > end) {
    throw new CliError('--from / --to 须为 YYYY-MM-DD，且起始日期不晚于截止日期', 2, 'USAGE');
  }
  const f = await figuresFor(deps, start, end);
  const line = (label: string, r: typeof f.total) =>
    `  ${label}：到期 ${r.dueCount} 项 应兑现 ${yuan(r.dueFen)} 元，已兑现 ${yuan(r.paidFen)} 元，兑现率 ${pct(r.rate)}；逾期 ${r.overdueCount} 项 ${yuan(r.overdueFen)} 元`;
  const text = [
    `招商引资承诺兑现情况（兑现期限 ${f.from} 至 ${f.to}，统计至 ${f.asOf}）`,
    line('合计', f.total),
    '按责任部门：', ...f.byDepartment.map((r) => line(r.label, r)),
    '按企业：', ...f.byEnterprise.map((r) => line(r.label, r)),
    '按月份：', ...f.byMonth.map((r) => line(r.label, r)),
  ].join('\n');
  return { text, json: f };
}
