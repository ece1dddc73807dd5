import type { PlatformStore } from './store';

export interface PlatformStats {
  devices: number;
  batches: number;
  batchesViaFile: number;
  /** Items held, by kind, then by state (`active`, `void`) and by the city's decided status. */
  items: Record<string, { held: number; void: number; decided: Record<string, number> }>;
  /** Accepted versions in all: each (id, version) at most once. */
  versions: number;
  auditHeads: number;
  changes: number;
}

/** What the platform holds, for `npm run platform -- stats` and for tests that count. */
export function platformStats(store: PlatformStore): PlatformStats {
  const count = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
  const items: PlatformStats['items'] = {};
  for (const r of store.db.prepare(`SELECT kind, count(*) AS n, sum(is_void) AS v FROM items GROUP BY kind`).all() as Array<{ kind: string; n: number; v: number }>) {
    items[r.kind] = { held: r.n, void: r.v, decided: {} };
  }
  for (const r of store.db
    .prepare(`SELECT kind, decided_status AS s, count(*) AS n FROM items WHERE decided_status IS NOT NULL GROUP BY kind, decided_status`)
    .all() as Array<{ kind: string; s: string; n: number }>) {
    items[r.kind].decided[r.s] = r.n;
  }
  return {
    devices: count(`SELECT count(*) AS n FROM devices`),
    batches: count(`SELECT count(*) AS n FROM batches`),
    batchesViaFile: count(`SELECT count(*) AS n FROM batches WHERE via_file = 1`),
    items,
    versions: count(`SELECT count(*) AS n FROM item_versions`),
    auditHeads: count(`SELECT count(*) AS n FROM audit_heads`),
    changes: count(`SELECT count(*) AS n FROM changes`),
  };
}

/** Every held item's id, version and op, for exact comparison with a workstation's ledger. */
export function heldItems(store: PlatformStore): Array<{ kind: string; id: string; version: number; op: string }> {
  return store.db.prepare(`SELECT kind, id, version, op FROM items ORDER BY id`).all() as Array<{ kind: string; id: string; version: number; op: string }>;
}
