/**
 * Issues notices in a process of its own, as another window or workstation process would:
 * `node --import tsx test/support/issueInChild.ts DATA_DIR COUNT CLERK_JSON REVIEWER_JSON`.
 * Each notice is drafted, filled and issued (three transactions); prints `issued <number>` after each issue
 * commits, then `done`.
 */
import { openDatabase } from '../../electron/db/database';
import { createNotice, transitionNotice, updateNotice } from '../../electron/services/notices';

const [dataDir, count, clerkJson, reviewerJson] = process.argv.slice(2);
const db = await openDatabase(dataDir);
const deps = { db, dataDir, now: () => new Date() };
const clerk = JSON.parse(clerkJson);
const reviewer = JSON.parse(reviewerJson);
for (let i = 0; i < Number(count); i++) {
  const d = await createNotice(deps, clerk, { sourceKind: 'blank' });
  const f = await updateNotice(deps, clerk, { id: d.id, expectedVersion: d.version, fields: { ...d, addressee: `某某村民委员会${process.pid}-${i}`, facts: '经查，你单位拖欠企业账款。' } });
  const out = await transitionNotice(deps, reviewer, { id: f.id, expectedVersion: f.version, action: 'issue' });
  console.log(`issued ${out.number}`);
}
console.log('done');
await db.close();
