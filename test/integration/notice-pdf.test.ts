/**
 * The printed 限期整改通知书, checked on the PDF with poppler as GB/T 9704-2012 describes the page: A4, fonts
 * embedded, the type area's left edge and top within 1 mm, 28 characters on every full body line and 22 lines
 * on every full page, page numbers `— n —` 7 mm below the type area, odd pages right and even pages left, a
 * long notice flowing onto more pages, the batch (each notice numbered from its own page 1), the test page
 * marked 样张, and the PDF counted on the notice. Positions are compared with a calibration page rendered by
 * the same engine and fonts (where a line box at a known place puts its text), not with the layout's own numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumEngine, closeChromiumEngine } from '../../electron/print/chromiumEngine';
import { noticesPdf, testPageDocument } from '../../electron/print/noticeDocuments';
import { NOTICE_CSS } from '../../electron/print/noticeLayout';
import { createNotice, getNotice, transitionNotice, updateNotice } from '../../electron/services/notices';
import { MM, pdfFonts, pdfInfo, pdfLayoutText, pdfLines, withPdf, type PdfLine } from '../support/pdfCheck';
import { createTestApp, TEST_OFFICE, type TestApp } from '../support/testApp';

const LH = 28.95; // pt, the standard's 22-line grid
const TOP = 37 * MM;
const LEFT = 28 * MM;
const RIGHT = (28 + 156) * MM;
const CELL = (156 * MM) / 28;
const TOL = 1 * MM;

let app: TestApp;
/** Where text lands relative to its line box top: yMin − box top, per kind of line (body, title, page number). */
let offset: { body: number; title: number; pn: number };

const LONG_FACTS = '经查，你单位' + '在政府采购和招标投标活动中未按照合同约定履行付款义务，拖欠中小企业账款，经多次催告仍未清偿，严重损害政府公信力和营商环境。'.repeat(16);

async function issuedNotice(facts: string, addressee = '某某区某某街道某某社区居民委员会'): Promise<string> {
  const d = await createNotice(app.deps, app.clerk, { sourceKind: 'blank' });
  const f = await updateNotice(app.deps, app.clerk, { id: d.id, expectedVersion: d.version, fields: { ...d, addressee, facts, amountFen: 1234500, cc: '区发展和改革委员会，区纪委监委' } });
  return (await transitionNotice(app.deps, app.reviewer, { id: f.id, expectedVersion: f.version, action: 'issue' })).id;
}

beforeAll(async () => {
  app = await createTestApp({ now: () => new Date('2026-03-05T02:00:00Z') });
  const calibration = `<!doctype html><html data-paginated="done"><head><style>${NOTICE_CSS}</style></head><body>
    <div class="sheet"><div class="ln body cont" style="position:absolute;top:${100}mm;left:0;width:156mm">国国国</div>
    <div class="ln title" style="position:absolute;top:${150}mm;left:0;width:156mm;text-align:left">国国国</div>
    <div class="pn" style="top:${200}mm;left:0">— 1 —</div></div></body></html>`;
  const lines = withPdf(await chromiumEngine.pdf(calibration), pdfLines)[0];
  const at = (mm: number) => lines.find((l) => Math.abs(l.yMin - mm * MM) < 20)!.yMin - mm * MM;
  offset = { body: at(100), title: at(150), pn: at(200) };
}, 120_000);
afterAll(async () => {
  await closeChromiumEngine();
  await app.close();
});

/** The text lines inside the type area (not the page number), page by page. */
const inArea = (page: PdfLine[]) => page.filter((l) => l.yMin - offset.body < (37 + 225) * MM - 1);
const pageNumberOf = (page: PdfLine[]) => page.find((l) => l.yMin - offset.pn > (37 + 225) * MM);
const compact = (s: string) => s.replace(/\s+/g, '');
const fullWidthOnly = (s: string) => /^[^\x20-\x7e]+$/.test(s);
const HANGING = '，。、；：？！）》」』”’〕】';

describe('the printed notice (GB/T 9704-2012)', () => {
  it('one page: A4, fonts embedded, title on the type area top, addressee flush left, body on the 28 mm edge, page number right', async () => {
    const id = await issuedNotice('经查，你单位在与某某建设工程有限公司签订的社区道路改造工程合同履行过程中，未按合同约定的期限支付工程款，被列为失信被执行人。', '某某村民委员会');
    const issueEntry = await app.db.read((sql) => sql.get<{ seq: number; hash: string }>(
      `SELECT seq, hash FROM audit_log WHERE entity = 'rectification_notice' AND entity_id = ? AND action = 'issue'`, id,
    )!);
    const pdf = await noticesPdf(app.deps, app.reviewer, chromiumEngine, [id]);
    withPdf(pdf, (file) => {
      const info = pdfInfo(file);
      expect(Math.abs(info.widthPt - 210 * MM)).toBeLessThan(TOL);
      expect(Math.abs(info.heightPt - 297 * MM)).toBeLessThan(TOL);
      const fonts = pdfFonts(file);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.every((f) => f.embedded)).toBe(true);
      const pages = pdfLines(file);
      const first = inArea(pages[0]);
      // the title: centred, its line box on the top of the type area
      expect(first[0].text).toContain('限期整改通知书');
      expect(Math.abs(first[0].yMin - offset.title - TOP)).toBeLessThan(TOL);
      expect(Math.abs((first[0].xMin + first[0].xMax) / 2 - (LEFT + RIGHT) / 2)).toBeLessThan(TOL);
      expect(compact(first[1].text)).toBe(`${TEST_OFFICE.noticePrefix}〔2026〕1号`);
      const addressee = first.find((l) => l.text.startsWith('某某村民委员会'))!;
      expect(compact(addressee.text)).toBe('某某村民委员会：');
      expect(Math.abs(addressee.xMin - LEFT)).toBeLessThan(TOL);
      // the first body line: indented two characters from the 28 mm edge; the next on the edge
      const body = first.filter((l) => l.yMin > addressee.yMin + 1);
      expect(Math.abs(body[0].xMin - (LEFT + 2 * CELL))).toBeLessThan(TOL);
      expect(Math.abs(body[1].xMin - LEFT)).toBeLessThan(TOL);
      // every line on the 28.95 pt grid from the type area's top
      for (const line of first) {
        const k = Math.round((line.yMin - offset.body - TOP) / LH);
        if (line === first[0]) continue;
        expect(Math.abs(line.yMin - offset.body - (TOP + k * LH))).toBeLessThan(TOL);
      }
      const text = pdfLayoutText(file);
      expect(text).toContain('2026年3月5日');
      expect(text).toMatch(/抄送：区发展和改革委员会，区纪委监委。/);
      expect(compact(text)).toContain('国发〔2016〕76号');
      const pn = pageNumberOf(pages[pages.length - 1])!;
      expect(compact(pn.text)).toBe(`—${pages.length}—`);
      // the bottom margin names the audit entry that issued it (issue 13: the chain's anchor on the paper copy)
      const issued = issueEntry;
      const anchor = pages[pages.length - 1].find((l) => l.text.includes('签发存证'))!;
      expect(compact(anchor.text)).toBe(compact(`签发存证：审计日志第 ${issued.seq} 条 · ${issued.hash.slice(0, 12)}`));
      expect(anchor.yMin).toBeGreaterThan(pn.yMax);
    });
    expect((await getNotice(app.deps, id)).notice.pdfCount).toBe(1);
  }, 120_000);

  it('a long notice flows onto further pages: 22 lines on every full page, 28 characters on every full line, numbers odd-right / even-left', async () => {
    const id = await issuedNotice(LONG_FACTS);
    const pdf = await noticesPdf(app.deps, app.reviewer, chromiumEngine, [id]);
    withPdf(pdf, (file) => {
      const pages = pdfLines(file);
      expect(pages.length).toBeGreaterThanOrEqual(3);
      let fullLines = 0;
      pages.forEach((page, i) => {
        const lines = inArea(page);
        // the type area's top: the first line of every page after the first sits on it
        if (i > 0) expect(Math.abs(lines[0].yMin - offset.body - TOP)).toBeLessThan(TOL);
        if (i === 1) {
          expect(lines).toHaveLength(22); // page 2 is all body
          const last = lines[21];
          expect(Math.abs(last.yMin - offset.body - (TOP + 21 * LH))).toBeLessThan(TOL);
        }
        for (const line of lines) {
          const text = compact(line.text);
          const hangs = line.xMax > RIGHT + TOL && HANGING.includes(text[text.length - 1]);
          const onGrid = hangs || Math.abs(line.xMax - RIGHT) < TOL;
          if (!onGrid || !fullWidthOnly(text) || text.includes('限期整改通知书')) continue;
          if (Math.abs(line.xMin - LEFT) > TOL) continue; // a paragraph's indented first line
          fullLines++;
          expect(hangs ? text.length - 1 : text.length, text).toBe(28);
        }
        const pn = pageNumberOf(page)!;
        const no = i + 1;
        expect(compact(pn.text)).toBe(`—${no}—`);
        expect(Math.abs(pn.yMin - offset.pn - (37 + 225 + 7) * MM)).toBeLessThan(TOL);
        if (no % 2 === 1) expect(Math.abs(pn.xMax - (210 - 26) * MM + 14)).toBeLessThan(TOL);
        else expect(Math.abs(pn.xMin - 28 * MM - 14)).toBeLessThan(TOL);
      });
      expect(fullLines).toBeGreaterThan(30);
      // the 版记 and the signature close the last page
      const lastText = pdfLayoutText(file).split('\f')[pages.length - 1];
      expect(lastText).toContain('特此通知。');
      expect(lastText).toContain('抄送：');
    });
  }, 120_000);

  it('a batch is one PDF in which every notice starts on a page of its own, numbered from its own — 1 —', async () => {
    const a = await issuedNotice('经查，你单位拖欠企业账款。', '甲村民委员会');
    const b = await issuedNotice(LONG_FACTS, '乙村民委员会');
    const c = await issuedNotice('经查，你单位未兑现招商承诺。', '丙村民委员会');
    const pdf = await noticesPdf(app.deps, app.reviewer, chromiumEngine, [a, b, c]);
    withPdf(pdf, (file) => {
      const pages = pdfLines(file);
      const starts = pages.map((p, i) => [i, compact(inArea(p).find((l) => /委员会：$/.test(compact(l.text)))?.text ?? '')] as const).filter(([, t]) => t);
      expect(starts.map(([, t]) => t)).toEqual(['甲村民委员会：', '乙村民委员会：', '丙村民委员会：']);
      for (const [i] of starts) expect(compact(pageNumberOf(pages[i])!.text)).toBe('—1—');
      pages.forEach((page, i) => {
        const start = Math.max(...starts.map(([s]) => s).filter((s) => s <= i));
        expect(compact(pageNumberOf(page)!.text)).toBe(`—${i - start + 1}—`);
      });
      expect(starts[2][0] - starts[1][0]).toBeGreaterThanOrEqual(3); // the long notice's pages
    });
  }, 120_000);

  it('the test page is two pages in the real layout, with the office name and prefix, marked 样张', async () => {
    const pdf = await chromiumEngine.pdf(await testPageDocument(app.deps));
    withPdf(pdf, (file) => {
      expect(pdfInfo(file).pages).toBe(2);
      const text = pdfLayoutText(file);
      expect(text).toContain('样张');
      expect(text).toContain(TEST_OFFICE.officeName);
      expect(text.replace(/\s+/g, '')).toContain(`${TEST_OFFICE.noticePrefix}〔2026〕1号`);
      expect(pdfFonts(file).every((f) => f.embedded)).toBe(true);
      const pages = pdfLines(file);
      expect(inArea(pages[1]).length).toBeGreaterThan(5);
      expect(compact(pageNumberOf(pages[1])!.text)).toBe('—2—');
    });
  }, 120_000);
});
