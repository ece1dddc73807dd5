import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Poppler's view of a PDF (pdfinfo, pdffonts, pdftotext -bbox-layout), for tests of printed pages. */
export const MM = 72 / 25.4;

export interface PdfLine { xMin: number; yMin: number; xMax: number; yMax: number; text: string }

export function withPdf<T>(bytes: Buffer, work: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notice-pdf-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, bytes);
  try {
    return work(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfInfo(file: string): { pages: number; widthPt: number; heightPt: number } {
  const out = execFileSync('pdfinfo', [file]).toString();
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(out)![1]), widthPt: Number(size[1]), heightPt: Number(size[2]) };
}

/** Each font's row of pdffonts: its name and whether it is embedded. */
export function pdfFonts(file: string): Array<{ name: string; type: string; embedded: boolean }> {
  const rows = execFileSync('pdffonts', [file]).toString().split('\n').slice(2).filter((l) => l.trim());
  return rows.map((row) => {
    const cols = row.trim().split(/\s+/);
    // name type... encoding emb sub uni object ID: read from the end
    const emb = cols[cols.length - 5];
    return { name: cols[0], type: cols.slice(1, cols.length - 6).join(' '), embedded: emb === 'yes' };
  });
}

const attr = (tag: string, name: string) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(tag)![1]);
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The text lines of every page with their boxes (pt, origin top-left), from pdftotext -bbox-layout. */
export function pdfLines(file: string): PdfLine[][] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-']).toString();
  return xml.split('<page ').slice(1).map((page) => {
    const lines: PdfLine[] = [];
    for (const m of page.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
      const words = [...m[2].matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((w) => unescape(w[1]));
      lines.push({ xMin: attr(m[1], 'xMin'), yMin: attr(m[1], 'yMin'), xMax: attr(m[1], 'xMax'), yMax: attr(m[1], 'yMax'), text: words.join(' ') });
    }
    return lines.sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
  });
}

export function pdfLayoutText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
}
