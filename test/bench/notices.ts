/**
 * Notices bench (part of npm run bench; alone: tsx test/bench/notices.ts [--notices N]).
 *
 * Issuing: N drafted notices issued one after another through the service (each its own transaction, the
 * number taken in it): p50/p95 per issue. Printing: one notice's PDF through the warm Chromium engine
 * (median of 5 after 2 warm-up renders) and 100 notices into one PDF — the same path as the CLI.
 */
import { performance } from 'node:perf_hooks';
import { chromiumEngine, closeChromiumEngine } from '../../electron/print/chromiumEngine';
import { noticesPdf } from '../../electron/print/noticeDocuments';
import { createNotice, transitionNotice, updateNotice } from '../../electron/services/notices';
import { createTestApp } from '../support/testApp';
import { median, ms, summarize } from './stats';

export interface NoticeBenchResult {
  notice_issue_p95_ms: number;
  notice_issue_p50_ms: number;
  notice_pdf_ms: number;
  notice_batch_100_pdf_ms: number;
  notice_batch_100_pages: number;
  notices_issued: number;
}

const FACTS = '经查，你单位在政府采购活动中未按照合同约定履行付款义务，拖欠中小企业账款，经多次催告仍未清偿，严重损害政府公信力和营商环境。';

export async function benchNotices(count = 1000, log: (...a: unknown[]) => void = console.log): Promise<NoticeBenchResult> {
  const app = await createTestApp();
  try {
    const drafts: Array<{ id: string; version: number }> = [];
    for (let i = 0; i < count; i++) {
      const d = await createNotice(app.deps, app.clerk, { sourceKind: 'blank' });
      const f = await updateNotice(app.deps, app.clerk, { id: d.id, expectedVersion: d.version, fields: { ...d, addressee: `某某社区居民委员会${i}`, facts: FACTS.repeat(1 + (i % 3)) } });
      drafts.push({ id: f.id, version: f.version });
    }
    const issueMs: number[] = [];
    for (const d of drafts) {
      const t = performance.now();
      await transitionNotice(app.deps, app.reviewer, { id: d.id, expectedVersion: d.version, action: 'issue' });
      issueMs.push(performance.now() - t);
    }
    const issue = summarize(issueMs);
    log(`notices: ${count} issued, p50 ${issue.p50.toFixed(2)} ms, p95 ${issue.p95.toFixed(2)} ms`);
    const one = [drafts[0].id];
    for (let i = 0; i < 2; i++) await noticesPdf(app.deps, app.reviewer, chromiumEngine, one);
    const single: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await noticesPdf(app.deps, app.reviewer, chromiumEngine, one);
      single.push(performance.now() - t);
    }
    const batchIds = drafts.slice(0, 100).map((d) => d.id);
    const t = performance.now();
    const pdf = await noticesPdf(app.deps, app.reviewer, chromiumEngine, batchIds);
    const batchMs = performance.now() - t;
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    log(`notices: one PDF ${median(single).toFixed(0)} ms (warm median), 100 notices ${batchMs.toFixed(0)} ms (${pages} pages)`);
    return {
      notice_issue_p95_ms: ms(issue.p95), notice_issue_p50_ms: ms(issue.p50), notice_pdf_ms: ms(median(single)),
      notice_batch_100_pdf_ms: ms(batchMs), notice_batch_100_pages: pages, notices_issued: count,
    };
  } finally {
    await closeChromiumEngine();
    await app.close();
  }
}

if (process.argv[1]?.endsWith('notices.ts')) {
  const i = process.argv.indexOf('--notices');
  const result = await benchNotices(i > 0 ? Number(process.argv[i + 1]) : 1000);
  console.log(JSON.stringify(result));
}
