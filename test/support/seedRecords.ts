/**
 * Fills a ledger with generated records quickly (the bench's 100,000 and the list-plan tests' few
 * thousand): each through the service's insertRecord (record + version + audit + outbox + search index),
 * then given the generated life-cycle status directly, batch by batch.
 */
import type { Db } from '../../electron/db/database';
import type { Actor } from '../../electron/services/context';
import { insertRecord } from '../../electron/services/records';
import type { RecordStatus } from '../../shared/domain/dishonesty';
import { RecordGenerator } from '../bench/generate';

const STATUS_SQL = `UPDATE dishonesty_records SET status = ?, previous_status = ?, locked = ?, approved_at = ?, approved_by = ? WHERE seq = ?`;
const LOCKED: ReadonlySet<RecordStatus> = new Set(['recognised', 'rectifying', 'rectified', 'repaired', 'exempted', 'objection', 'revoked']);

export interface SeedOptions {
  count: number;
  seed: number;
  clerk: Actor;
  reviewer: Actor;
  /** Records per transaction. */
  batch?: number;
  /** Called after every batch with the number loaded so far. */
  onBatch?: (done: number) => void;
  /** Called every 1,000 records inside a batch (the bench samples memory there). */
  onThousand?: () => void;
}

export async function seedGeneratedRecords(db: Db, opts: SeedOptions): Promise<void> {
  const gen = new RecordGenerator(opts.seed);
  const batch = opts.batch ?? 5_000;
  for (let start = 0; start < opts.count; start += batch) {
    const count = Math.min(batch, opts.count - start);
    await db.write((sql) => {
      for (let i = 0; i < count; i++) {
        const r = gen.next();
        const row = insertRecord(sql, r.at, opts.clerk, r.fields);
        if (r.status !== 'verifying') {
          const locked = LOCKED.has(r.status);
          const previous = r.status === 'objection' ? 'recognised' : null;
          sql.run(STATUS_SQL, r.status, previous, locked ? 1 : 0, locked ? r.at : null, locked ? opts.reviewer.id : null, row.seq);
        }
        if (i % 1000 === 0) opts.onThousand?.();
      }
    });
    opts.onBatch?.(start + count);
  }
}
