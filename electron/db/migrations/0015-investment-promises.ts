import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 招商引资政策承诺兑现台账 (DOMAIN.md §3). A project is the versioned entity (its versions, audit entries and
 * upload items carry the whole project: items, handovers, payments); its promise items are the list's rows,
 * carrying a copy of the project's names so the list filters, sorts and searches on one table.
 * - promise_items.responsible_user_id is never empty (NOT NULL): an item always has someone who answers for it;
 * - promise_handovers: the chain of who answered for a project's open items, oldest first;
 * - promise_payments: 兑现记录 against an item, the voucher an attachment (attachments table);
 * - promise_items.way: seed 002 §8's way for an unpaid item (legalRoute while disputed, settled once paid or
 *   adjusted, else the way chosen or 'none'), a generated column so the list filters on it like any column.
 */
export class InvestmentPromises1763900000015 implements MigrationInterface {
  name = 'InvestmentPromises1763900000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE promise_projects (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      version INTEGER NOT NULL,
      status TEXT NOT NULL,
      project_name TEXT NOT NULL,
      enterprise_name TEXT NOT NULL,
      enterprise_uscc TEXT NOT NULL,
      agreement_no TEXT NOT NULL,
      signed_on TEXT NOT NULL,
      signing_body TEXT NOT NULL,
      collective_decision INTEGER NOT NULL CHECK (collective_decision IN (0, 1)),
      decision_ref TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      updated_at TEXT NOT NULL,
      updated_by TEXT REFERENCES users(id)
    )`);
    await q.query(`CREATE INDEX promise_projects_agreement ON promise_projects (enterprise_uscc, agreement_no)`);
    await q.query(`CREATE TABLE promise_project_versions (
      seq INTEGER PRIMARY KEY,
      entity_id TEXT NOT NULL REFERENCES promise_projects(id),
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
    await q.query(`CREATE TABLE promise_items (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      project_id TEXT NOT NULL REFERENCES promise_projects(id),
      position INTEGER NOT NULL,
      type TEXT NOT NULL,
      content TEXT NOT NULL,
      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
      due_on TEXT NOT NULL,
      conditions TEXT,
      department TEXT NOT NULL,
      responsible_user_id TEXT NOT NULL REFERENCES users(id),
      status TEXT NOT NULL,
      previous_status TEXT,
      paid_fen INTEGER NOT NULL DEFAULT 0,
      resolution_way TEXT,
      resolution_on TEXT,
      adjust_basis TEXT,
      compensation_fen INTEGER,
      dispute_route TEXT,
      dispute_case_no TEXT,
      decided_on TEXT,
      record_id TEXT REFERENCES dishonesty_records(id),
      project_name TEXT NOT NULL,
      enterprise_name TEXT NOT NULL,
      enterprise_uscc TEXT NOT NULL,
      agreement_no TEXT NOT NULL,
      enterprise_sort TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      way TEXT GENERATED ALWAYS AS (CASE WHEN status = 'disputed' THEN 'legalRoute' WHEN status IN ('paid', 'adjusted') THEN 'settled'
        ELSE coalesce(resolution_way, 'none') END) STORED
    )`);
    await q.query(`CREATE INDEX promise_items_project ON promise_items (project_id, position)`);
    await q.query(`CREATE INDEX promise_items_list ON promise_items (status, way, type, department, responsible_user_id, enterprise_uscc, due_on)`);
    await q.query(`CREATE INDEX promise_items_due ON promise_items (due_on)`);
    // the figures read items by due date from this index alone (no table rows)
    await q.query(`CREATE INDEX promise_items_figures ON promise_items
      (due_on, status, amount_fen, paid_fen, compensation_fen, department, type, enterprise_uscc, enterprise_name, id)`);
    await q.query(`CREATE INDEX promise_items_type ON promise_items (type)`);
    await q.query(`CREATE INDEX promise_items_department ON promise_items (department)`);
    await q.query(`CREATE INDEX promise_items_way ON promise_items (way, updated_at)`);
    await q.query(`CREATE INDEX promise_items_updated ON promise_items (updated_at)`);
    await q.query(`CREATE INDEX promise_items_amount ON promise_items (amount_fen)`);
    await q.query(`CREATE INDEX promise_items_enterprise ON promise_items (enterprise_sort)`);
    await q.query(`CREATE INDEX promise_items_responsible ON promise_items (responsible_user_id, status, due_on)`);
    await q.query(`CREATE INDEX promise_items_status_due ON promise_items (status, due_on)`);
    await q.query(`CREATE TABLE promise_payments (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      item_id TEXT NOT NULL REFERENCES promise_items(id),
      project_id TEXT NOT NULL REFERENCES promise_projects(id),
      paid_on TEXT NOT NULL,
      amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
      voucher_no TEXT NOT NULL,
      voucher_attachment_id TEXT REFERENCES attachments(id),
      over_confirmed INTEGER NOT NULL DEFAULT 0,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL REFERENCES users(id)
    )`);
    await q.query(`CREATE INDEX promise_payments_item ON promise_payments (item_id, paid_on, amount_fen)`);
    await q.query(`CREATE INDEX promise_payments_project ON promise_payments (project_id)`);
    await q.query(`CREATE TABLE promise_handovers (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      project_id TEXT NOT NULL REFERENCES promise_projects(id),
      handed_on TEXT NOT NULL,
      from_user_id TEXT NOT NULL REFERENCES users(id),
      to_user_id TEXT NOT NULL REFERENCES users(id) CHECK (to_user_id <> from_user_id),
      department TEXT,
      reason TEXT NOT NULL,
      items_moved INTEGER NOT NULL,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL REFERENCES users(id)
    )`);
    await q.query(`CREATE INDEX promise_handovers_project ON promise_handovers (project_id, seq)`);

    await q.query(`CREATE VIRTUAL TABLE promise_search USING fts5(
      grams, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1, prefix = '1'
    )`);
    const grams = (row: string) => `ledger_grams(${row}project_name, ${row}enterprise_name, ${row}agreement_no, ${row}content)`;
    await q.query(`CREATE TRIGGER promise_search_insert AFTER INSERT ON promise_items BEGIN
      INSERT INTO promise_search (rowid, grams) VALUES (new.seq, ${grams('new.')});
    END`);
    await q.query(`CREATE TRIGGER promise_search_update
      AFTER UPDATE OF project_name, enterprise_name, agreement_no, content ON promise_items BEGIN
      DELETE FROM promise_search WHERE rowid = old.seq;
      INSERT INTO promise_search (rowid, grams) VALUES (new.seq, ${grams('new.')});
    END`);
    await q.query(`CREATE TRIGGER promise_search_delete AFTER DELETE ON promise_items BEGIN
      DELETE FROM promise_search WHERE rowid = old.seq;
    END`);
  }

  async down(): Promise<void> {
    throw new Error('InvestmentPromises1763900000015 cannot be undone: restore the backup taken before the upgrade');
  }
}
