import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox's per-item index loses its `state` column. Every upload moves each row's state twice (pending →
 * batched → uploaded); with the state in the index, each move also rewrote an index entry at a random place
 * (items are named by UUIDs), so a batch of 1,000 items dirtied most of the index's pages twice over, each
 * page encrypted at commit. Without it, the upload of 20,000 items took 2.15 s of the client's CPU instead of
 * 2.45–2.7 s (issue 11's ≥ 5,000 items/s). The per-item questions (is a newer version waiting? the list's
 * 上报 tag) now read the item's few outbox rows through (kind, item_id): under 1 ms more for a page of 50.
 */
export class OutboxItemIndex1763900000018 implements MigrationInterface {
  name = 'OutboxItemIndex1763900000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_item`);
    await q.query(`CREATE INDEX outbox_item ON outbox (kind, item_id)`);
  }

  async down(): Promise<void> {
    throw new Error('OutboxItemIndex1763900000018 cannot be undone: restore the backup taken before the upgrade');
  }
}
