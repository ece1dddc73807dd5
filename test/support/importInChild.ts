/**
 * Imports a workbook through the import worker, as the app does, in a process of its own that a test can kill:
 * `node --import tsx test/support/importInChild.ts DATA_DIR FILE.xlsx ACTOR_JSON`. Prints each progress
 * report as `phase done total`, then `done accepted`.
 */
import fs from 'node:fs';
import { openDatabase } from '../../electron/db/database';
import { importRecordsInWorker } from '../../electron/services/records/excel/importRecords';

const [dataDir, file, actorJson] = process.argv.slice(2);
const db = await openDatabase(dataDir);
const result = await importRecordsInWorker({ db, dataDir, now: () => new Date() }, JSON.parse(actorJson), fs.readFileSync(file), {
  dryRun: false,
  onProgress: (p) => console.log(`${p.phase} ${p.done} ${p.total}`),
});
console.log(`done ${result.accepted}`);
await db.close();
