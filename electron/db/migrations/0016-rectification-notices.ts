import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 限期整改通知书: the notices, their versions, their search index. (The notice settings are `notice.*` keys of
 * the settings table, written when the administrator first saves them; until then the defaults of
 * electron/services/notices/noticeSettings.ts apply.)
 *
 * Numbers (`{prefix}〔{year}〕{n}号`) are given when a notice is issued, in the issuing transaction, counting
 * per office (its 统一社会信用代码) and calendar year. The database holds the rule itself, whatever code
 * writes: a number is unique (notices_number), must be the next one of its office and year (no gap), and
 * never changes nor disappears once given (a voided notice keeps it).
 */
export class RectificationNotices1763900000016 implements MigrationInterface {
  name = 'RectificationNotices1763900000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rectification_notices (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      version INTEGER NOT NULL,
      status TEXT NOT NULL,
      source_kind TEXT NOT NULL,
      source_id TEXT,
      title TEXT NOT NULL,
      addressee TEXT NOT NULL,
      addressee_uscc TEXT,
      addressee_sort TEXT NOT NULL DEFAULT '',
      facts TEXT NOT NULL,
      amount_fen INTEGER CHECK (amount_fen IS NULL OR amount_fen >= 0),
      basis_json TEXT NOT NULL DEFAULT '[]',
      requirements TEXT NOT NULL,
      deadline TEXT,
      reply_method TEXT NOT NULL,
      issuing_office TEXT NOT NULL,
      cc TEXT NOT NULL DEFAULT '',
      number_office TEXT,
      number_prefix TEXT,
      number_year INTEGER,
      number_seq INTEGER,
      number_text TEXT,
      issued_on TEXT,
      issued_at TEXT,
      issued_by TEXT REFERENCES users(id),
      reply_on TEXT,
      reply_summary TEXT,
      verified_on TEXT,
      verify_note TEXT,
      void_reason TEXT,
      escalations_json TEXT NOT NULL DEFAULT '[]',
      print_count INTEGER NOT NULL DEFAULT 0,
      pdf_count INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      updated_at TEXT NOT NULL,
      updated_by TEXT REFERENCES users(id),
      CHECK ((number_seq IS NULL) = (number_year IS NULL) AND (number_seq IS NULL) = (number_office IS NULL)
        AND (number_seq IS NULL) = (number_text IS NULL)),
      CHECK (number_seq IS NULL OR number_seq >= 1)
    )`);
    await q.query(`CREATE UNIQUE INDEX notices_number ON rectification_notices (number_office, number_year, number_seq) WHERE number_seq IS NOT NULL`);
    for (const [name, cols] of [
      ['notices_updated', 'updated_at'],
      ['notices_status_updated', 'status, updated_at'],
      ['notices_year', 'number_year, updated_at'],
      ['notices_source', 'source_kind, source_id'],
      ['notices_deadline', 'status, deadline'],
      ['notices_addressee_sort', 'addressee_sort'],
      ['notices_issued_on', 'issued_on'],
    ] as const) {
      await q.query(`CREATE INDEX ${name} ON rectification_notices (${cols})`);
    }
    // The number is the next of its office and year, never changed once given, and a numbered notice stays.
    await q.query(`CREATE TRIGGER notices_number_next BEFORE UPDATE OF number_seq ON rectification_notices
      WHEN old.number_seq IS NULL AND new.number_seq IS NOT NULL
        AND new.number_seq <> 1 + coalesce((SELECT max(number_seq) FROM rectification_notices
          WHERE number_office = new.number_office AND number_year = new.number_year), 0)
      BEGIN SELECT RAISE(ABORT, '通知书文号必须连续编号'); END`);
    await q.query(`CREATE TRIGGER notices_number_fixed BEFORE UPDATE OF number_seq, number_year, number_office, number_text ON rectification_notices
      WHEN old.number_seq IS NOT NULL AND (new.number_seq IS NOT old.number_seq OR new.number_year IS NOT old.number_year
        OR new.number_office IS NOT old.number_office OR new.number_text IS NOT old.number_text)
      BEGIN SELECT RAISE(ABORT, '通知书文号一经编定不得更改'); END`);
    await q.query(`CREATE TRIGGER notices_numbered_kept BEFORE DELETE ON rectification_notices WHEN old.number_seq IS NOT NULL
      BEGIN SELECT RAISE(ABORT, '已编号的通知书不得删除（可作废）'); END`);
    await q.query(`CREATE TRIGGER notices_number_on_insert BEFORE INSERT ON rectification_notices WHEN new.number_seq IS NOT NULL
      BEGIN SELECT RAISE(ABORT, '通知书文号只在签发时编定'); END`);

    await q.query(`CREATE TABLE notice_versions (
      seq INTEGER PRIMARY KEY,
      entity_id TEXT NOT NULL REFERENCES rectification_notices(id),
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

    await q.query(`CREATE VIRTUAL TABLE notice_search USING fts5(
      grams, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1, prefix = '1'
    )`);
    await q.query(`CREATE VIRTUAL TABLE notice_addressee_search USING fts5(
      grams, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1, prefix = '1'
    )`);
    const grams = (row: string) => `ledger_grams(${row}addressee, ${row}number_text, ${row}title, ${row}facts, ${row}requirements)`;
    await q.query(`CREATE TRIGGER notice_search_insert AFTER INSERT ON rectification_notices BEGIN
      INSERT INTO notice_search (rowid, grams) VALUES (new.seq, ${grams('new.')});
      INSERT INTO notice_addressee_search (rowid, grams) VALUES (new.seq, ledger_grams(new.addressee));
    END`);
    await q.query(`CREATE TRIGGER notice_search_update AFTER UPDATE OF addressee, number_text, title, facts, requirements ON rectification_notices BEGIN
      DELETE FROM notice_search WHERE rowid = old.seq;
      INSERT INTO notice_search (rowid, grams) VALUES (new.seq, ${grams('new.')});
      DELETE FROM notice_addressee_search WHERE rowid = old.seq;
      INSERT INTO notice_addressee_search (rowid, grams) VALUES (new.seq, ledger_grams(new.addressee));
    END`);
    await q.query(`CREATE TRIGGER notice_search_delete AFTER DELETE ON rectification_notices BEGIN
      DELETE FROM notice_search WHERE rowid = old.seq;
      DELETE FROM notice_addressee_search WHERE rowid = old.seq;
    END`);

  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['notice_search_insert', 'notice_search_update', 'notice_search_delete']) await q.query(`DROP TRIGGER ${t}`);
    await q.query(`DROP TABLE notice_search`);
    await q.query(`DROP TABLE notice_addressee_search`);
    await q.query(`DROP TABLE notice_versions`);
    await q.query(`DROP TABLE rectification_notices`);
  }
}
