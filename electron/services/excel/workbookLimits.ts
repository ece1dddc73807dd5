import { createInflateRaw } from 'node:zlib';
import { AppError, ERROR_CODES } from '../../../shared/contract/errors';

/**
 * Bounds an import file must keep before it is parsed at all (a hostile or broken workbook must not take
 * the app down): an .xlsx is a ZIP package, and a 10 MB file can hold 150 MB of sheet XML and two million
 * rows, which the spreadsheet library would expand into gigabytes of cell objects. The ZIP's own directory
 * is read first (sizes, ratio), then each worksheet is inflated as a stream — never held whole — and its
 * rows are counted, all before the workbook is opened.
 */
export const WORKBOOK_LIMITS = {
  /** Unzipped bytes of the whole package: an office ledger of 20,000 rows is about 15 MB. */
  unzippedBytes: 64 * 1024 * 1024,
  /** Entries in the package (a workbook has a dozen or two). */
  entries: 2_000,
  /** Data rows of a sheet: more than any office ledger, and what one import may hold in memory. */
  rows: 20_000,
  /** An entry that unzips to more than this many times its size is a ZIP bomb, not a spreadsheet. */
  ratio: 200,
} as const;

const refuse = (message: string) => new AppError(ERROR_CODES.badFile, message);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** The ZIP central directory (APPNOTE 4.3.12/4.3.16); null when the bytes are no readable ZIP. */
function centralDirectory(bytes: Buffer): ZipEntry[] | null {
  const searchFrom = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= searchFrom; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    entries.push({
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localHeaderOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Count a worksheet's rows while inflating it chunk by chunk; stops as soon as a bound is passed. */
async function countRows(bytes: Buffer, entry: ZipEntry, budget: { bytes: number }): Promise<number> {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) throw refuse('工作簿的压缩结构已损坏，无法读取。');
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return (data.toString('latin1').match(/<row[\s>]/g) ?? []).length;
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let rows = 0;
    let tail = '';
    const stop = (error: AppError) => {
      inflate.destroy();
      reject(error);
    };
    inflate.on('data', (chunk: Buffer) => {
      budget.bytes -= chunk.length;
      if (budget.bytes < 0) return stop(refuse(`工作簿解压后超过 ${mb(WORKBOOK_LIMITS.unzippedBytes)}，不像是正常的台账文件，已拒绝导入。请删除多余的内容，或分成几个文件导入。`));
      const text = tail + chunk.toString('latin1');
      rows += (text.match(/<row[\s>]/g) ?? []).length;
      tail = text.slice(-4);
      if (rows > WORKBOOK_LIMITS.rows + 1) stop(tooManyRows());
    });
    inflate.on('end', () => resolve(rows));
    inflate.on('error', () => reject(refuse('工作簿的压缩内容已损坏，无法读取。')));
    inflate.end(data);
  });
}

const tooManyRows = () =>
  refuse(`工作表超过 ${WORKBOOK_LIMITS.rows} 行数据，一次导入不能超过 ${WORKBOOK_LIMITS.rows} 行。请把表格分成几个文件分批导入。`);

/**
 * Refuse (AppError BAD_FILE, in Chinese) a workbook that is too big to open safely. Reads only the ZIP
 * directory and streams each worksheet once; memory stays at a few chunks whatever the file holds.
 */
export async function checkWorkbookLimits(bytes: Buffer): Promise<void> {
  const entries = centralDirectory(bytes);
  if (!entries) throw refuse('该文件不是有效的 Excel 工作簿（.xlsx），或文件已损坏，无法读取。');
  if (entries.length > WORKBOOK_LIMITS.entries) throw refuse(`工作簿内含 ${entries.length} 个部件，不像是正常的台账文件，已拒绝导入。`);
  const declared = entries.reduce((n, e) => n + e.size, 0);
  const zip64 = entries.some((e) => e.size === 0xffffffff || e.compressedSize === 0xffffffff);
  if (zip64 || declared > WORKBOOK_LIMITS.unzippedBytes) {
    throw refuse(`工作簿解压后${zip64 ? '超过 4 GB' : `约 ${mb(declared)}`}，超过 ${mb(WORKBOOK_LIMITS.unzippedBytes)} 的上限，不像是正常的台账文件，已拒绝导入。请删除多余的内容，或分成几个文件导入。`);
  }
  const bomb = entries.find((e) => e.size > 1024 * 1024 && e.size > e.compressedSize * WORKBOOK_LIMITS.ratio);
  if (bomb) throw refuse(`工作簿中的“${bomb.name}”压缩比异常（解压后放大 ${Math.round(bomb.size / Math.max(1, bomb.compressedSize))} 倍），已拒绝导入。`);
  // The directory's sizes are what the file claims; the inflated bytes are counted against the same budget.
  const budget = { bytes: WORKBOOK_LIMITS.unzippedBytes };
  for (const entry of entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name))) {
    if ((await countRows(bytes, entry, budget)) > WORKBOOK_LIMITS.rows + 1) throw tooManyRows(); // + the header row
  }
}

/** A cell's text as a message may quote it: at most `max` characters, the rest cut off with “…”. */
export function excerpt(text: string, max = 20): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…（共 ${chars.length} 字）` : text;
}
