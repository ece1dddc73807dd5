import type { PrintableNotice } from '../../shared/domain/noticeBody';

/**
 * The one print layout of the 限期整改通知书 (GB/T 9704-2012), as HTML + CSS + a small paginating script. The
 * same document serves the on-screen preview, printing through the system dialog and PDF, in the desktop app
 * (a hidden window) and under Node (Chromium through Playwright): see printEngine.ts.
 *
 * How the page is made:
 * - Each page is a sheet of A4 (`@page { size: A4; margin: 0 }`) holding the type area at 37 mm from the top
 *   and 28 mm from the left, 156 × 225 mm. The body is 3号 (16 pt) 仿宋-style on a fixed grid of 22 lines of
 *   28.95 pt (579 twips, as the standard's Word templates) and 28 characters: each character advances
 *   exactly 156 mm ÷ 28 (letter-spacing = 156mm/28 − 16pt) and lines are justified.
 * - The script measures where the browser breaks each paragraph (with the fonts the machine has) and lays
 *   the lines onto the grid, page by page, itself: so the signature block never starts a page alone, the
 *   版记 sits on the last lines of the last page, and page numbers count within each notice (a batch prints
 *   each notice as its own document: `— 1 —` 4号, 7 mm below the type area, odd pages right and even
 *   pages left, one character in). When it is done, the script removes itself: what is left is static markup
 *   (the preview shows it as is) and `html[data-paginated="done"]` says it is ready to print.
 * - Fonts are declared through @font-face with local() sources, Windows names first, then the Linux stand-ins
 *   (Noto Serif CJK SC, AR PL), with ascent/descent overrides so any of them keeps 22 lines a page.
 */

/** 1 mm in CSS px (96 px = 25.4 mm). */
const LINE_PT = 28.95;
export const LAYOUT = {
  pageMm: { width: 210, height: 297 },
  topMm: 37,
  leftMm: 28,
  areaMm: { width: 156, height: 225 },
  lineHeightPt: LINE_PT,
  linesPerPage: 22,
  charsPerLine: 28,
  bodyPt: 16,
  titlePt: 22,
  pageNumberPt: 14,
  /** The page number's line: 7 mm below the type area (its top edge). */
  pageNumberGapMm: 7,
} as const;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const FACES = {
  // 仿宋 first as Windows has it, then the GPL FandolFang a Linux office may install, then 宋-style serifs.
  fang: ["FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "FandolFang Regular", "FandolFang-Regular",
    "Noto Serif CJK SC", "NotoSerifCJKsc-Regular", "Source Han Serif SC", "AR PL UMing CN", "SimSun", "宋体"],
  // 小标宋 (licensed: the office installs it), then the heaviest serif the machine has.
  xbs: ["FZXiaoBiaoSong-B05S", "方正小标宋简体", "方正小标宋_GBK", "Noto Serif CJK SC Black", "NotoSerifCJKsc-Black",
    "Noto Serif CJK SC Bold", "NotoSerifCJKsc-Bold", "Source Han Serif SC Bold", "SimSun", "宋体", "AR PL UMing CN"],
  song: ["SimSun", "宋体", "Noto Serif CJK SC", "NotoSerifCJKsc-Regular", "AR PL UMing CN"],
} as const;

function fontFaces(): string {
  return Object.entries(FACES).map(([name, locals]) => `@font-face { font-family: "gw-${name}"; src: ${locals.map((l) => `local("${l}")`).join(', ')};
  ascent-override: 88%; descent-override: 12%; line-gap-override: 0%; }`).join('\n');
}

export const NOTICE_CSS = `
${fontFaces()}
@page { size: A4; margin: 0; }
:root { --lh: ${LINE_PT}pt; }
* { box-sizing: border-box; margin: 0; padding: 0; }
html, body { background: #fff; }
body { font-family: "gw-fang", serif; font-size: ${LAYOUT.bodyPt}pt; line-height: var(--lh); color: #000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.sheet { position: relative; width: 210mm; height: 297mm; overflow: hidden; break-after: page; page-break-after: always; }
.sheet:last-child { break-after: auto; page-break-after: auto; }
.area, .measure { width: 156mm; }
.area { position: absolute; top: 37mm; left: 28mm; height: 225mm; }
.measure { position: absolute; left: -1000mm; top: 0; visibility: hidden; }
.ln { height: var(--lh); line-height: var(--lh); white-space: pre; font-kerning: none; font-feature-settings: "palt" 0; }
.body, .addressee, .number, .signature, .date { letter-spacing: calc(156mm / 28 - 16pt); }
.cc, .printed { font-size: 14pt; letter-spacing: 0; }
.body { text-align: justify; text-indent: calc(156mm / 14); }
.body.cont { text-indent: 0; }
.justify { text-align-last: justify; }
.addressee { text-align: justify; }
.title { font-family: "gw-xbs", serif; font-size: ${LAYOUT.titlePt}pt; text-align: center; letter-spacing: 0; }
.number { text-align: right; padding-right: 1em; }
.signature, .date { text-align: right; }
.date { padding-right: 4em; }
.banji { position: absolute; left: 0; right: 0; bottom: 0; }
.banji .ln { padding: 0 1em; }
.banji > div { border-bottom: 0.25mm solid #000; }
.banji > div:first-child { border-top: 0.35mm solid #000; }
.banji > div:last-child { border-bottom: 0.35mm solid #000; }
.banji .cc.cont { padding-left: 4em; }
.banji .printed { display: flex; justify-content: space-between; }
.pn { position: absolute; top: calc(37mm + 225mm + 7mm); font-family: "gw-song", serif; font-size: 14pt; line-height: 1; white-space: nowrap; }
.pn.odd { right: calc(26mm + 14pt); }
.pn.even { left: calc(28mm + 14pt); }
.anchor { position: absolute; top: calc(37mm + 225mm + 20mm); left: 28mm; font-family: "gw-song", serif; font-size: 8pt; line-height: 1; color: #555; white-space: nowrap; }
.mark { position: absolute; top: 14mm; right: 26mm; border: 0.6mm solid #c00; color: #c00; font-family: "gw-xbs", serif; font-size: 18pt; line-height: 1.2; padding: 1mm 3mm; letter-spacing: 0.2em; }
.seal { display: none; }
@media screen {
  body { background: #e9ecef; padding: 12px 0; }
  .sheet { margin: 0 auto 12px; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
  .seal { display: block; position: absolute; width: 42mm; height: 42mm; border: 0.4mm dashed #d99; border-radius: 50%; color: #d99; font-size: 12pt; line-height: 42mm; text-align: center; letter-spacing: 0; }
}
`;

/** The paginating script, run once in the page (it removes itself). Plain browser JavaScript. */
const PAGINATE = String.raw`
(async () => {
  const data = JSON.parse(document.getElementById('notice-data').textContent);
  await document.fonts.ready;
  const root = document.getElementById('doc');
  const measure = document.createElement('div');
  measure.className = 'measure';
  document.body.appendChild(measure);
  const LH = parseFloat(getComputedStyle(measure).lineHeight) || (${LINE_PT} * 96 / 72);
  const PER_PAGE = ${LAYOUT.linesPerPage};
  const NO_START = '，。、；：？！）》」』”’〕】…—·';
  const NO_END = '（《「『“‘〔【';
  const el = (cls, text) => { const d = document.createElement('div'); d.className = cls; if (text !== undefined) d.textContent = text; return d; };
  // The lines of a block of text: each character's advance is measured once in the page's own fonts (on
  // one unbroken line), then lines are filled greedily to the type area's width (less the indent on a
  // paragraph's first line). As Word with "允许标点溢出边界": a closing mark that would start a line hangs at
  // the end of the line before (outside the 28 cells); an opening mark never ends a line; a run of digits or
  // Latin letters is not split.
  function lines(kind, text) {
    if (!text) return [{ kind, text: '', first: true, last: true }];
    const probe = el('ln ' + kind, text);
    probe.style.display = 'inline-block';
    probe.style.width = 'auto';
    probe.style.textIndent = '0';
    measure.appendChild(probe);
    const node = probe.firstChild;
    const range = document.createRange();
    const x = [];
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length) { range.setStart(node, i); range.setEnd(node, i + 1); x.push(range.getClientRects()[0]?.left ?? NaN); }
      else x.push(probe.getBoundingClientRect().right);
    }
    const em = parseFloat(getComputedStyle(probe).fontSize);
    // a body paragraph's first line is indented two cells; the 版记's 抄送 has one character of room on each
    // side and its further lines start under the first after the colon
    const indent = kind === 'body' ? measure.getBoundingClientRect().width / 14 : 0;
    const pad = kind === 'cc' ? 2 * em : 0;
    const hang = kind === 'cc' ? 3 * em : 0;
    probe.remove();
    const W = measure.getBoundingClientRect().width + 0.5 - pad;
    const word = /[0-9A-Za-z.,%]/;
    const starts = [0];
    let s = 0;
    while (s < text.length) {
      const room = W - (s === 0 ? indent : hang);
      let e = s + 1;
      while (e < text.length && x[e + 1] - x[s] <= room) e++;
      if (e >= text.length) break;
      // e: the first character that did not fit
      if (NO_START.includes(text[e])) e += 1;
      else {
        let b = e;
        while (b - 1 > s && word.test(text[b]) && word.test(text[b - 1])) b--;
        while (b - 1 > s && NO_END.includes(text[b - 1])) b--;
        e = b;
      }
      if (e >= text.length) break;
      starts.push(e);
      s = e;
    }
    return starts.map((st, k) => ({ kind, text: text.slice(st, k + 1 < starts.length ? starts[k + 1] : text.length), first: k === 0, last: k === starts.length - 1 }));
  }
  const widthOf = (cls, text) => { const p = el('ln ' + cls, text); p.style.display = 'inline-block'; p.style.textIndent = '0'; measure.appendChild(p); const w = p.getBoundingClientRect().width; p.remove(); return w; };
  for (const n of data) {
    const flow = [];
    flow.push(...lines('title', n.title));
    flow.push(...lines('number', n.number || '〔\u3000\u3000〕号'));
    flow.push({ kind: 'blank', text: '' });
    flow.push(...lines('addressee', n.addressee + '：'));
    for (const p of n.paragraphs) flow.push(...lines('body', p));
    const seal = [{ kind: 'blank', text: '' }, { kind: 'blank', text: '' }, ...lines('signature', n.signature), ...lines('date', n.date)];
    const banji = [];
    if (n.cc) banji.push(...lines('cc', '抄送：' + n.cc + '。'));
    banji.push({ kind: 'printed', text: '', parts: [n.printedBy, n.printedOn] });
    // Pages of lines: the signature block goes with at least the last line of the body.
    const pages = [[]];
    const put = (line) => { if (pages[pages.length - 1].length === PER_PAGE) pages.push([]); pages[pages.length - 1].push(line); };
    flow.forEach(put);
    let room = PER_PAGE - pages[pages.length - 1].length;
    if (room < seal.length) {
      const last = pages[pages.length - 1];
      const carried = room === 0 ? [last.pop()] : [last.pop()];
      pages.push(carried);
    }
    seal.forEach(put);
    room = PER_PAGE - pages[pages.length - 1].length;
    if (room < banji.length) pages.push([]);
    // The signature is centred over the date (GB/T 9704-2012 7.3.5.1).
    const em = parseFloat(getComputedStyle(measure).fontSize);
    const sigPad = Math.max(0, 4 * em + (widthOf('date', n.date) - widthOf('signature', n.signature)) / 2);
    pages.forEach((pageLines, i) => {
      const sheet = el('sheet');
      const area = el('area');
      pageLines.forEach((line, k) => {
        const cls = ['ln', line.kind];
        if (line.kind === 'body' && !line.first) cls.push('cont');
        if ((line.kind === 'body' || line.kind === 'addressee') && !line.last) cls.push('justify');
        const d = el(cls.join(' '), line.text);
        d.style.position = 'absolute'; d.style.left = '0'; d.style.right = '0'; d.style.top = (k * LH) + 'px';
        if (line.kind === 'signature') d.style.paddingRight = sigPad + 'px';
        area.appendChild(d);
        if (line.kind === 'signature') {
          const s = el('seal', '盖章处');
          s.style.right = (sigPad - 21 * 96 / 25.4 + widthOf('signature', n.signature) / 2) + 'px';
          s.style.top = (k * LH - 1.2 * LH) + 'px';
          area.appendChild(s);
        }
      });
      if (i === pages.length - 1) {
        // 版记: each element between rules (a long 抄送 keeps its lines together), 印发机关 and 印发日期 last
        const b = el('banji');
        let cc = null;
        for (const line of banji) {
          if (line.kind === 'printed') {
            const d = el('ln printed');
            d.appendChild(el('', line.parts[0]));
            d.appendChild(el('', line.parts[1]));
            b.appendChild(d);
          } else {
            if (line.first) { cc = el('cc-block'); b.appendChild(cc); }
            cc.appendChild(el('ln cc' + (line.first ? '' : ' cont'), line.text));
          }
        }
        area.appendChild(b);
      }
      sheet.appendChild(area);
      const no = i + 1;
      sheet.appendChild(el('pn ' + (no % 2 ? 'odd' : 'even'), '— ' + no + ' —'));
      if (n.mark) sheet.appendChild(el('mark', n.mark));
      if (n.anchor && i === pages.length - 1) sheet.appendChild(el('anchor', n.anchor));
      root.appendChild(sheet);
    });
  }
  measure.remove();
  document.getElementById('notice-data').remove();
  document.getElementById('notice-paginate').remove();
  document.documentElement.dataset.paginated = 'done';
})().catch((e) => { document.documentElement.dataset.paginated = 'error'; document.documentElement.dataset.error = String(e && e.stack || e); });
`;

/** The document of one or several notices (a batch), ready for a print engine to paginate. */
export function noticesHtml(notices: readonly PrintableNotice[], title = '限期整改通知书'): string {
  const json = JSON.stringify(notices).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${NOTICE_CSS}</style></head><body><div id="doc"></div>
<script type="application/json" id="notice-data">${json}</script>
<script id="notice-paginate">${PAGINATE}</script></body></html>`;
}
