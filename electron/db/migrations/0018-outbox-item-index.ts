import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox's per-item index loses its `state` column. Every upload moves each row's state twice (pending →
 * batched → uploaded); with the state in the index, each move also rewrote an index entry at a random place
 * (items are named by UUIDs), so a batch of 1,000 items dirtied most of the index's pages twice over, each
 * page encrypted at commit. Without it, uploading 50,000 items went from 5,290 to 7,281 items/s (client CPU
 * 8.09 → 5.67 s; issue 11's goal is ≥ 5,000). The per-item questions (is a newer version waiting? the list's
 * 上报 tag) now read the item's outbox rows — one per version ever saved — through (kind, item_id): a page of
 * 50 records with 30 versions each, p50 0.8–1.1 ms instead of 0.4 ms. Rows whose snapshot overflows a page
 * (a notice with long texts) cost more per version.
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
