import { printableNotice, type PrintableNotice } from '../../shared/domain/noticeBody';
import { addDays } from '../../shared/domain/notices';
import { notFound } from '../../shared/contract/errors';
import { todayIso } from '../../shared/validation/dates';
import type { Actor, ServiceDeps } from '../services/context';
import type { ReadSql } from '../db/database';
import { countOutput, loadNoticeRow, officeOf, readNoticeSettings } from '../services/notices';
import { fieldsOf, type NoticeDbRow } from '../services/notices/noticeRow';
import { noticesHtml } from './noticeLayout';
import type { PrintEngine } from './printEngine';

/**
 * The notices' documents for the print engines: the preview, the PDF (one notice or a batch) and printing,
 * each counted on the notices; and the test page. Every path goes through noticesHtml — one layout.
 */
export function printableOf(row: NoticeDbRow, today: string, mark?: string | null, issueEntry: { seq: number; hash: string } | null = null): PrintableNotice {
  return printableNotice({ ...fieldsOf(row), number: row.number_text, issuedOn: row.issued_on, status: row.status }, today, mark, issueEntry);
}

/** The audit entry that issued the notice (its number taken in the same transaction), for the page's bottom margin. */
const issueEntryOf = (sql: ReadSql, id: string) =>
  sql.get<{ seq: number; hash: string }>(
    `SELECT seq, hash FROM audit_log WHERE entity = 'rectification_notice' AND entity_id = ? AND action = 'issue' ORDER BY seq DESC LIMIT 1`, id,
  ) ?? null;

export async function noticesDocument(deps: ServiceDeps, ids: readonly string[]): Promise<string> {
  const today = todayIso(deps.now());
  const printable = await deps.db.read((sql) => ids.map((id) => {
    const row = loadNoticeRow(sql, id);
    if (!row) throw notFound('找不到该整改通知书，可能已被删除或编号有误');
    return printableOf(row, today, undefined, issueEntryOf(sql, id));
  }));
  return noticesHtml(printable, printable.length === 1 ? `限期整改通知书 ${printable[0].number ?? ''}` : `限期整改通知书（${printable.length} 份）`);
}

/** One PDF of the notices, in the order given; each notice's PDF count goes up by one. */
export async function noticesPdf(deps: ServiceDeps, actor: Actor, engine: PrintEngine, ids: readonly string[]): Promise<Buffer> {
  const pdf = await engine.pdf(await noticesDocument(deps, ids));
  await countOutput(deps, actor, ids, 'pdf');
  return pdf;
}

/** Print through the system dialog; counted when the user printed. */
export async function printNotices(deps: ServiceDeps, actor: Actor, engine: PrintEngine, ids: readonly string[]): Promise<boolean> {
  if (!engine.print) return false;
  const printed = await engine.print(await noticesDocument(deps, ids));
  if (printed) await countOutput(deps, actor, ids, 'print');
  return printed;
}

const SAMPLE_FACTS = [
  '经查，你单位在2025年度社区道路改造工程项目中，与某某建设工程有限公司签订施工合同后，未按合同约定的期限和数额支付工程进度款，',
  '经该公司多次催告仍未清偿，后经人民法院判决确认欠款数额，判决生效后你单位仍未履行付款义务，被人民法院列为失信被执行人，',
  '严重损害了政府公信力和本地营商环境。上述问题在本年度营商环境监测中被列为重点问题，并经民营企业沟通机制反映，',
  '群众和企业反映强烈。本样张仅用于检查打印机、纸张和字体是否符合公文格式要求，所列事实、单位和金额均为示例，不具有任何效力。',
].join('');

/**
 * The test page (issue 10 §6): a two-page 限期整改通知书 with the office's own name and prefix, marked 样张,
 * in exactly the real layout (the same noticesHtml), so an office checks printer, paper and fonts.
 */
export async function testPageDocument(deps: ServiceDeps): Promise<string> {
  const today = todayIso(deps.now());
  const { office, settings } = await deps.db.read((sql) => ({ office: officeOf(sql), settings: readNoticeSettings(sql) }));
  const name = office.name || '某某街道办事处';
  const sample = printableNotice({
    title: '限期整改通知书', addressee: '某某社区居民委员会', addresseeUscc: null,
    facts: SAMPLE_FACTS.repeat(2), amountFen: 123456700, basis: settings.basis.slice(0, 2),
    requirements: ['一、自收到本通知之日起，对上述问题进行全面自查，书面说明原因；', '二、制定切实可行的整改措施，明确整改责任人和完成时限，限期完成整改；', '三、举一反三，健全守信践诺长效机制，防止类似问题再次发生。'].join('\n'),
    deadline: addDays(today, settings.periodDays), replyMethod: settings.replyMethod || '书面报送整改情况报告', issuingOffice: name,
    cc: settings.cc || '区发展和改革委员会', number: `${office.prefix || '某街'}〔${today.slice(0, 4)}〕1号`, issuedOn: today, status: 'sample',
  }, today, '样张');
  return noticesHtml([sample], '限期整改通知书 样张');
}
