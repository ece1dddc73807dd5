import ExcelJS from 'exceljs';
import { PROMISE_COLUMNS } from '../../electron/services/promises/excel/promiseSheet';
import { ENTERPRISE_USCC } from './promiseFixtures';

export const PROMISE_HEADERS = PROMISE_COLUMNS.filter((c) => c.requiredHeader).map((c) => c.header);
export type PromiseCells = Record<string, unknown>;

/** One row of the 招商引资承诺 template, as an office fills it (amounts in 元, dates in several writings). */
export function promiseCells(agreementNo: string, item: number, overrides: PromiseCells = {}): PromiseCells {
  return {
    项目名称: `项目${agreementNo}`, 企业名称: '南京某某智能装备有限公司', 企业统一社会信用代码: ENTERPRISE_USCC[0], 协议编号: agreementNo,
    签订日期: '2025年1月10日', 签约主体: '某某街道办事处', 承诺类型: item % 2 ? '财政奖补' : '税收优惠', 承诺内容: `第${item}项承诺内容`,
    '承诺金额（元）': '１,２００,０００.００', 兑现期限: '2026/6/30', 兑现条件: '竣工投产', 责任部门: '经济发展办', 责任人: '李录入',
    ...overrides,
  };
}

/** A workbook of these rows under the template's headers (plus any extra headers the rows use). */
export async function promisesWorkbook(rows: PromiseCells[]): Promise<Buffer> {
  const headers = [...new Set([...PROMISE_HEADERS, ...rows.flatMap((r) => Object.keys(r))])];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('招商引资承诺');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
