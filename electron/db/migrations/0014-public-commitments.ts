import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 乡镇街道公开承诺 (DOMAIN.md §2) on the ledger building blocks:
 * - public_commitments: the fields, the life-cycle state, what closed it (outcome_*), the supervision log
 *   (checks and complaints, as JSON: it travels with every version and upload item) and the pinyin sort key
 *   of the unit's name; one commitment number per unit (unit_uscc, number);
 * - commitment_versions: the versioned-entity layout (as record_versions after 0006);
 * - commitments_list: a narrow index of every filter column (the list engine picks pages on it), and
 *   commitments_open_due for the derived 逾期未兑现 (open states by due date);
 * - commitment_search: the character-pair search index over title, content, unit and number;
 * - entity_links: one entity made from another in one step (a commitment → its dishonesty record), read by
 *   both ledgers, so each shows the other without reading the other's table.
 */
export class PublicCommitments1763900000014 implements MigrationInterface {
  name = 'PublicCommitments1763900000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE public_commitments (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      version INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending','performing','fulfilled','partial','overdue','adjusted','withdrawn')),
      locked INTEGER NOT NULL DEFAULT 0,
      unit_name TEXT NOT NULL,
      unit_uscc TEXT NOT NULL,
      number TEXT NOT NULL,
      title TEXT NOT NULL,
      content TEXT NOT NULL,
      commitment_type TEXT NOT NULL,
      service_area TEXT NOT NULL,
      target TEXT,
      department TEXT NOT NULL,
      responsible_person TEXT NOT NULL,
      publish_channel TEXT NOT NULL,
      published_on TEXT NOT NULL,
      due_on TEXT NOT NULL,
      outcome_on TEXT,
      outcome_note TEXT,
      outcome_detail TEXT,
      outcome_approver TEXT,
      supervision_json TEXT NOT NULL DEFAULT '[]',
      unit_sort TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL REFERENCES users(id),
      confirmed_at TEXT,
      confirmed_by TEXT REFERENCES users(id)
    )`);
    await q.query(`CREATE UNIQUE INDEX commitments_number ON public_commitments (unit_uscc, number)`);
    await q.query(`CREATE INDEX commitments_list ON public_commitments
      (status, commitment_type, service_area, department, due_on, published_on, updated_at)`);
    await q.query(`CREATE INDEX commitments_open_due ON public_commitments (status, due_on)`);
    for (const [name, cols] of [
      ['commitments_updated', 'updated_at'],
      ['commitments_due', 'due_on, updated_at'],
      ['commitments_published', 'published_on, updated_at'],
      ['commitments_unit_sort', 'unit_sort'],
      ['commitments_department', 'department'],
    ] as const) {
      await q.query(`CREATE INDEX ${name} ON public_commitments (${cols})`);
    }

    await q.query(`CREATE TABLE commitment_versions (
      seq INTEGER PRIMARY KEY,
      entity_id TEXT NOT NULL REFERENCES public_commitments(id),
      version INTEGER NOT NULL,
      action TEXT NOT NULL,
      reason TEXT,
      approver TEXT,
      date TEXT,
      status_before TEXT,
      status_after TEXT NOT NULL,
      at TEXT NOT NULL,
      author TEXT NOT NULL DEFAULT 'user' CHECK (author IN ('user','system','platform')),
      user_id TEXT REFERENCES users(id) CHECK ((author = 'user') = (user_id IS NOT NULL)),
      snapshot_json TEXT NOT NULL,
      UNIQUE (entity_id, version)
    )`);

    await q.query(`CREATE VIRTUAL TABLE commitment_search USING fts5(
      grams, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1, prefix = '1'
    )`);
    const grams = (row: string) => `ledger_grams(${row}unit_name, ${row}number, ${row}title, ${row}content)`;
    await q.query(`CREATE TRIGGER commitment_search_insert AFTER INSERT ON public_commitments BEGIN
      INSERT INTO commitment_search (rowid, grams) VALUES (new.seq, ${grams('new.')});
    END`);
    await q.query(`CREATE TRIGGER commitment_search_update AFTER UPDATE OF unit_name, number, title, content ON public_commitments BEGIN
      DELETE FROM commitment_search WHERE rowid = old.seq;
      INSERT INTO commitment_search (rowid, grams) VALUES (new.seq, ${grams('new.')});
    END`);
    await q.query(`CREATE TRIGGER commitment_search_delete AFTER DELETE ON public_commitments BEGIN
      DELETE FROM commitment_search WHERE rowid = old.seq;
    END`);

    await q.query(`CREATE TABLE entity_links (
      seq INTEGER PRIMARY KEY,
      from_kind TEXT NOT NULL,
      from_id TEXT NOT NULL,
      to_kind TEXT NOT NULL,
      to_id TEXT NOT NULL,
      relation TEXT NOT NULL,
      from_label TEXT NOT NULL,
      to_label TEXT NOT NULL,
      at TEXT NOT NULL,
      user_id TEXT NOT NULL REFERENCES users(id),
      UNIQUE (from_kind, from_id, relation, to_kind, to_id)
    )`);
    await q.query(`CREATE INDEX entity_links_to ON entity_links (to_kind, to_id)`);
  }

  async down(): Promise<void> {
    throw new Error('PublicCommitments1763900000014 cannot be undone: restore the backup taken before the upgrade');
  }
}
