import { loadExcel } from '../../excel/loadExcel';
import type { Figures, FigureRow } from '../../../../shared/contract/promises';
import { PROMISE_STATUS_LABELS, RESOLUTION_WAY_LABELS } from '../../../../shared/domain/promises';
import type { ServiceDeps } from '../../context';
import { dateCell, localMinute, writeLedgerSheet } from '../../excel/exportSheet';
import { buildTemplate } from '../../excel/template';
import type { LedgerExport } from '../../excel/exportJob';
import { iteratePromises, type PromiseListQuery } from '../promiseQuery';
import { PROMISE_SHEET } from './promiseSheet';

const EXTRA = [
  { header: '已兑现金额（元）', width: 16 },
  { header: '状态', width: 12 },
  { header: '兑现路径', width: 24 },
  { header: '路径时限', width: 12 },
  { header: '最后修改时间', width: 18 },
];

/**
 * The items of a list filter as an .xlsx laid out like the import template (one row per item, the project's
 * columns repeated, so it imports again), then paid amount, status, way and last change.
 */
export async function exportPromisesWorkbook(deps: ServiceDeps, q: PromiseListQuery, userId: string | null): Promise<{ bytes: Buffer; count: number }> {
  const rows = await deps.db.read((sql) => {
    const projects = new Map(sql.all<{ id: string; signed_on: string; signing_body: string; collective_decision: number; decision_ref: string | null }>(
      `SELECT id, signed_on, signing_body, collective_decision, decision_ref FROM promise_projects`).map((p) => [p.id, p]));
    const conditions = new Map(sql.all<{ id: string; conditions: string | null }>(`SELECT id, conditions FROM promise_items`).map((i) => [i.id, i.conditions]));
    return iteratePromises(sql, q, userId).map((r) => {
      const p = projects.get(r.projectId)!;
      const values: Record<string, unknown> = {
        projectName: r.projectName, enterpriseName: r.enterpriseName, enterpriseUscc: r.enterpriseUscc, agreementNo: r.agreementNo,
        signedOn: dateCell(p.signed_on), signingBody: p.signing_body, type: r.type, content: r.content, amountFen: r.amountFen / 100,
        dueOn: dateCell(r.dueOn), conditions: conditions.get(r.id) ?? null, department: r.department, responsibleName: r.responsibleName,
        collectiveDecision: p.collective_decision ? '是' : '否', decisionRef: p.decision_ref,
      };
      return [
        ...PROMISE_SHEET.columns.map((c) => values[c.field] ?? null),
        r.paidFen / 100, PROMISE_STATUS_LABELS[r.status], r.way ? RESOLUTION_WAY_LABELS[r.way] : null, dateCell(r.wayDate), localMinute(r.updatedAt),
      ];
    });
  });
  return writeLedgerSheet(PROMISE_SHEET, EXTRA, rows, deps.now());
}

export const buildPromiseTemplate = () => buildTemplate(PROMISE_SHEET);

const FIGURE_HEADERS = ['到期事项数', '应兑现金额（元）', '已兑现金额（元）', '兑现率', '逾期事项数', '逾期未兑现金额（元）', '有争议事项数', '调整补偿事项数', '已付补偿（元）'];
const figureValues = (r: FigureRow) => [
  r.dueCount, r.dueFen / 100, r.paidFen / 100, r.rate, r.overdueCount, r.overdueFen / 100, r.disputedCount, r.adjustedCount, r.compensationFen / 100,
];

/** The figures page as a workbook: 合计 and one sheet per breakdown (责任部门, 企业, 月份, 承诺类型). */
export async function exportFiguresWorkbook(figures: Figures, created: Date): Promise<Buffer> {
  const wb = new (loadExcel()).Workbook();
  wb.creator = '政务诚信台账';
  wb.created = created;
  const sheet = (name: string, first: string, rows: FigureRow[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
    ws.addRow([`招商引资政策承诺兑现情况（兑现期限 ${figures.from} 至 ${figures.to}，统计至 ${figures.asOf}）`]);
    ws.addRow([]);
    ws.addRow([first, ...FIGURE_HEADERS]).font = { bold: true };
    for (const r of rows) ws.addRow([r.label, ...figureValues(r)]);
    ws.getColumn(1).width = 30;
    for (let c = 2; c <= FIGURE_HEADERS.length + 1; c++) ws.getColumn(c).width = 16;
    for (const c of [3, 4, 7, 10]) ws.getColumn(c).numFmt = '#,##0.00';
    ws.getColumn(5).numFmt = '0.0%';
  };
  sheet('合计', '范围', [figures.total]);
  sheet('按责任部门', '责任部门', figures.byDepartment);
  sheet('按企业', '企业', figures.byEnterprise);
  sheet('按月份', '兑现期限所在月份', figures.byMonth);
  sheet('按承诺类型', '承诺类型', figures.byType);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The promises' export as the export worker runs it (excel/exportJob.ts). */
export const PROMISE_EXPORT_LEDGER: LedgerExport<PromiseListQuery> = { name: 'promises', write: exportPromisesWorkbook };
