import fs from 'node:fs';
import path from 'node:path';
import { NOTICE_STATUS_LABELS, NOTICE_STATUSES, type NoticeStatus } from '../../shared/domain/notices';
import { chromiumEngine, closeChromiumEngine } from '../print/chromiumEngine';
import { noticesPdf, testPageDocument } from '../print/noticeDocuments';
import { listNotices, noticeIdsFor, requireNoticeRow } from '../services/notices';
import { CliError } from './io';
import type { CliHelpers } from './syncCommands';

/** `notice …` of the command line: PDFs (one notice, a batch), the test page, the list — the app's own layout and services. */

export const NOTICE_OPTIONS = { id: { type: 'string' }, year: { type: 'string' }, status: { type: 'string' } } as const;

export const NOTICE_USAGE = `  notice pdf --data 目录 --id 通知书ID --out 文件.pdf          一份整改通知书的 PDF
  notice pdf --data 目录 [--year 2026] [--status 已发出] --out 文件.pdf   多份通知书合成一个 PDF（按文号排序）
  notice test-page --data 目录 --out 文件.pdf                  打印测试样张（两页，标“样张”）
  notice list --data 目录 [--year 2026] [--status 已发出]        列出整改通知书`;

interface NoticeValues {
  id?: string;
  year?: string;
  status?: string;
  out?: string;
}


type Result = { text: string; json: unknown };

function statusOf(input: string | undefined): NoticeStatus | undefined {
  if (input === undefined) return undefined;
  const code = NOTICE_STATUSES.find((s) => s === input || NOTICE_STATUS_LABELS[s] === input);
  if (!code) throw new CliError(`--status 须为 ${NOTICE_STATUSES.map((s) => NOTICE_STATUS_LABELS[s]).join('、')} 之一`, 2, 'USAGE');
  return code;
}

function yearOf(input: string | undefined): number | undefined {
  if (input === undefined) return undefined;
  if (!/^\d{4}$/.test(input)) throw new CliError('--year 须为四位年份，如 2026', 2, 'USAGE');
  return Number(input);
}

function outOf(values: NoticeValues): string {
  if (!values.out?.trim()) throw new CliError('缺少参数 --out（PDF 文件）', 2, 'USAGE');
  return path.resolve(values.out);
}

/** Write next to the target first, then rename: a failed run never leaves half a PDF under the name asked for. */
function writeFile(out: string, bytes: Buffer): void {
  const partial = `${out}.partial-${process.pid}`;
  fs.writeFileSync(partial, bytes);
  fs.renameSync(partial, out);
}

const SUBCOMMANDS: Record<string, (values: NoticeValues, cli: CliHelpers) => Promise<Result>> = {
  pdf: (values, cli) => {
    const out = outOf(values);
    return cli.withDb(async (deps) => {
      const ids = values.id
        ? [await deps.db.read((sql) => requireNoticeRow(sql, values.id!).id)]
        : await deps.db.read((sql) => noticeIdsFor(sql, { year: yearOf(values.year), status: statusOf(values.status) }));
      if (ids.length === 0) throw new CliError('没有符合条件的整改通知书', 3, 'EMPTY');
      const actor = await cli.actor(deps);
      try {
        writeFile(out, await noticesPdf(deps, actor, chromiumEngine, ids));
      } finally {
        await closeChromiumEngine();
      }
      return { text: `已生成 ${ids.length} 份整改通知书的 PDF：${out}`, json: { ok: true, file: out, count: ids.length, ids } };
    });
  },
  'test-page': (values, cli) => {
    const out = outOf(values);
    return cli.withDb(async (deps) => {
      try {
        writeFile(out, await chromiumEngine.pdf(await testPageDocument(deps)));
      } finally {
        await closeChromiumEngine();
      }
      return { text: `已生成打印测试样张：${out}`, json: { ok: true, file: out } };
    });
  },
  list: (values, cli) =>
    cli.withDb((deps) => deps.db.read((sql) => {
      const status = statusOf(values.status);
      const year = yearOf(values.year);
      const { items, total } = listNotices(sql, {
        statuses: status ? [status] : undefined, years: year ? [year] : undefined, sortBy: 'number', sortOrder: 'asc', page: 1, pageSize: 200,
      });
      const rest = total > items.length ? `\n（共 ${total} 份，仅列出前 ${items.length} 份）` : '';
      const text = items.length === 0 ? '没有整改通知书'
        : items.map((n) => `${n.number ?? '（未编号）'}\t${NOTICE_STATUS_LABELS[n.status]}\t${n.addressee}\t期限 ${n.deadline ?? ''}\t${n.id}`).join('\n') + rest;
      return { text, json: { ok: true, total, items } };
    })),
};

export async function noticeCommand(values: NoticeValues, positionals: string[], cli: CliHelpers): Promise<Result> {
  const run = SUBCOMMANDS[positionals[1] ?? ''];
  if (!run) throw new CliError(`用法：\n${NOTICE_USAGE}`, 2, 'USAGE');
  return run(values, cli);
}
