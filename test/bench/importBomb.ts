/**
 * One hostile import in a process of its own (npm run bench runs it as a child, so its memory is the
 * import's alone): a workbook of two million rows (about 156 MB of sheet XML in a small file) is generated,
 * imported through the records ledger's service, and must be refused. Prints one JSON line:
 * {"import_bomb_refuse_ms", "import_bomb_peak_rss_mb", "import_bomb_file_mb"}.
 */
import { performance } from 'node:perf_hooks';
import { importRecordsWorkbook } from '../../electron/services/records/excel/importRecords';
import { createTestApp } from '../support/testApp';
import { sheetXml, XLSX_SKELETON, zipFile } from '../support/zipFile';
import { RssSampler } from './stats';

const ROWS = 2_000_000;

async function main(): Promise<void> {
  const bomb = await zipFile([...XLSX_SKELETON, { name: 'xl/worksheets/sheet1.xml', chunks: sheetXml(ROWS, 4, '某某街道') }]);
  const app = await createTestApp();
  try {
    global.gc?.();
    const sampler = new RssSampler();
    sampler.start();
    const t0 = performance.now();
    let refused = '';
    try {
      await importRecordsWorkbook(app.deps, app.clerk, bomb, { dryRun: false, fileName: 'bomb.xlsx' });
    } catch (error) {
      refused = (error as Error).message;
    }
    const ms = performance.now() - t0;
    sampler.sample();
    sampler.stop();
    if (!refused) throw new Error('the bomb was not refused');
    console.error(`  拒绝：${refused}`);
    console.log(JSON.stringify({ import_bomb_refuse_ms: Math.round(ms), import_bomb_peak_rss_mb: sampler.peakMb, import_bomb_file_mb: Math.round((bomb.length / 1024 / 1024) * 10) / 10 }));
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
