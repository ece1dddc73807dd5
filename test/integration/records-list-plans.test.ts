/**
 * The list's query plans against a plain reference: a few thousand generated records, every list and search
 * scenario of the bench plus search with each sort, checked page by page (ids in order, and the total)
 * against the same filter and sort done in JavaScript over all rows. The list picks different plans for
 * a search with few hits, a search with many hits (walks the sort order and probes the hit set), a search
 * with filters (page and total in one pass) and no search at all; all must give what the reference gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRecords } from '../../electron/services/records';
import type { RecordListQuery, RecordSortKey } from '../../electron/services/records/recordQuery';
import { RECORD_SORT_KEYS } from '../../shared/contract/records';
import { nameSortKey, personSortKey } from '../../shared/domain/sortKey';
import { RecordGenerator } from '../bench/generate';
import { LIST_SCENARIOS, searchScenarios, type Scenario } from '../bench/scenarios';
import { seedGeneratedRecords } from '../support/seedRecords';
import { createTestApp, type TestApp } from '../support/testApp';

const SEED = 7_001;
const RECORDS = 5_000;
const PAGE_SIZE = 50;
/** listRecords switches plan above this many search hits (SEARCH_DRIVES_BELOW); the data must cross it. */
const MANY_HITS = 2_000;

interface Row {
  seq: number;
  id: string;
  status: string;
  situation: string;
  sector: string;
  severity: string;
  clue_source: string;
  subject_type: string;
  happened_on: string;
  recognised_on: string | null;
  amount_fen: number | null;
  updated_at: string;
  unit_name: string;
  person_name: string | null;
  doc_number: string | null;
  doc_name: string | null;
  facts: string;
  subjectKey: string;
  unitKey: string;
}

let app: TestApp;
let rows: Row[];
let sample: ReturnType<RecordGenerator['next']>[];

beforeAll(async () => {
  app = await createTestApp();
  await seedGeneratedRecords(app.db, { count: RECORDS, seed: SEED, clerk: app.clerk, reviewer: app.reviewer, batch: RECORDS });
  await app.db.refreshStatistics(); // as the app does after a large import or at the next start
  rows = (await app.db.read((sql) => sql.all<Row>(`SELECT * FROM dishonesty_records`))).map((r) => ({
    ...r,
    // pinyin order, a person's surname read as a surname, computed here from the names themselves
    subjectKey: r.subject_type === 'person' ? personSortKey(r.person_name ?? '') : nameSortKey(r.unit_name),
    unitKey: nameSortKey(r.unit_name),
  }));
  const probe = new RecordGenerator(SEED);
  sample = Array.from({ length: 300 }, () => probe.next());
}, 60_000);
afterAll(async () => {
  await app?.close();
});

/* ------------------------------------------------------------------------------------------ reference */

const norm = (s: string) => s.normalize('NFKC').toLowerCase();
const runsOf = (s: string) => norm(s).match(/[\p{L}\p{N}]+/gu) ?? [];
const searchable = (r: Row) => [r.unit_name, r.person_name, r.doc_number, r.doc_name, r.facts].filter((x): x is string => x !== null);

/**
 * A search term, as the list page promises it: each run of letters and digits (one character or more) found
 * as a substring of one of the texts, folded like the index folds them (NFKC, lower case).
 */
function termMatches(texts: readonly string[], term: string): boolean {
  const folded = texts.map(norm);
  return runsOf(term).every((run) => folded.some((t) => t.includes(run)));
}

function referenceFilter(q: Partial<RecordListQuery>): (r: Row) => boolean {
  const anyOf = (values: readonly string[] | undefined, v: string) => !values || values.length === 0 || values.includes(v);
  const inRange = (v: string | null, from?: string, to?: string) => (!from || (v !== null && v >= from)) && (!to || (v !== null && v <= to));
  const terms = (q.search ?? '').normalize('NFKC').split(/\s+/).filter(Boolean);
  return (r) =>
    anyOf(q.statuses, r.status) && anyOf(q.situations, r.situation) && anyOf(q.sectors, r.sector) &&
    anyOf(q.clueSources, r.clue_source) && anyOf(q.severities, r.severity) && anyOf(q.subjectTypes, r.subject_type) &&
    inRange(r.happened_on, q.happenedFrom, q.happenedTo) && inRange(r.recognised_on, q.recognisedFrom, q.recognisedTo) &&
    (!q.unit || termMatches([r.unit_name], q.unit)) &&
    terms.every((t) => termMatches(searchable(r), t));
}

const SEVERITY_RANK: Record<string, number> = { 一般: 1, 较重: 2, 严重: 3 };
const sortValue: Record<RecordSortKey, (r: Row) => string | number | null> = {
  updatedAt: (r) => r.updated_at,
  happenedOn: (r) => r.happened_on,
  recognisedOn: (r) => r.recognised_on,
  amountFen: (r) => r.amount_fen,
  subjectName: (r) => r.subjectKey,
  unitName: (r) => r.unitKey,
  severity: (r) => SEVERITY_RANK[r.severity] ?? 3,
};

/** SQLite's order: NULL first ascending, ties by entry order (seq), everything reversed descending. */
function referenceOrder(q: RecordListQuery): (a: Row, b: Row) => number {
  const value = sortValue[q.sortBy];
  const sign = q.sortOrder === 'asc' ? 1 : -1;
  return (a, b) => {
    const x = value(a);
    const y = value(b);
    if (x !== y) {
      if (x === null) return -sign;
      if (y === null) return sign;
      return (x < y ? -1 : 1) * sign;
    }
    return (a.seq - b.seq) * sign;
  };
}

function reference(q: RecordListQuery): string[] {
  return rows.filter(referenceFilter(q)).sort(referenceOrder(q)).map((r) => r.id);
}

/* ------------------------------------------------------------------------------------------ the checks */

async function expectSameAsReference(scenario: Scenario): Promise<number> {
  const expected = reference(scenario.query);
  const lastPage = Math.max(1, Math.ceil(expected.length / PAGE_SIZE));
  for (const page of new Set([1, 2, Math.ceil(lastPage / 2), lastPage, lastPage + 1])) {
    const got = await queryRecords(app.deps, { ...scenario.query, page, pageSize: PAGE_SIZE });
    const want = expected.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    expect({ scenario: scenario.name, page, total: got.total, ids: got.items.map((r) => r.id) }).toEqual({
      scenario: scenario.name, page, total: expected.length, ids: want,
    });
  }
  return expected.length;
}

const byUpdated = { sortBy: 'updatedAt', sortOrder: 'desc' } as const;

describe('list pages agree with a plain filter-and-sort over every row', () => {
  it('every filtered-list scenario of the bench', async () => {
    for (const scenario of LIST_SCENARIOS) await expectSameAsReference(scenario);
  });

  it('every search scenario of the bench, over both plans (few hits and many hits)', async () => {
    const totals = new Map<string, number>();
    for (const scenario of searchScenarios(sample)) totals.set(scenario.name, await expectSameAsReference(scenario));
    const values = [...totals.values()];
    // The premise of this test: both of listRecords' search plans were taken.
    expect(values.some((n) => n > MANY_HITS), `no scenario has more than ${MANY_HITS} hits: ${JSON.stringify([...totals])}`).toBe(true);
    expect(values.some((n) => n > 0 && n <= MANY_HITS)).toBe(true);
  });

  it('a common and a rare term, alone and with filters, under every sort both ways', async () => {
    const person = sample.find((r) => r.fields.subjectType === 'person')!.fields.personName!;
    for (const search of ['街道', person, '街道 拖欠', '镇', '款 街']) {
      for (const sortBy of RECORD_SORT_KEYS) {
        for (const sortOrder of ['asc', 'desc'] as const) {
          await expectSameAsReference({ name: `${search} ${sortBy} ${sortOrder}`, query: { search, sortBy, sortOrder } });
          await expectSameAsReference({
            name: `${search}+严重/整改中 ${sortBy} ${sortOrder}`,
            query: { search, sortBy, sortOrder, severities: ['严重'], statuses: ['rectifying', 'recognised'] },
          });
        }
      }
    }
  });

  it('the unit-name filter, alone, with one character, with a search and with filters, under every sort', async () => {
    const street = sample.map((r) => /区(..)街道办事处$/.exec(r.fields.unitName)?.[1]).find(Boolean)!;
    for (const unit of ['街道办事处', street, '镇', '人民 政府']) {
      for (const sortBy of RECORD_SORT_KEYS) {
        await expectSameAsReference({ name: `unit ${unit} ${sortBy}`, query: { unit, sortBy, sortOrder: 'asc' } });
        await expectSameAsReference({ name: `unit ${unit}+拖欠 ${sortBy}`, query: { unit, search: '拖欠', sortBy, sortOrder: 'desc', severities: ['较重'] } });
      }
    }
  });

  it('filters that match nothing, alone and with a search', async () => {
    expect(await expectSameAsReference({ name: 'no dates', query: { ...byUpdated, happenedFrom: '2030-01-01' } })).toBe(0);
    expect(await expectSameAsReference({ name: 'search+none', query: { ...byUpdated, search: '街道', happenedFrom: '2030-01-01' } })).toBe(0);
    expect(await expectSameAsReference({ name: 'unknown term', query: { ...byUpdated, search: '不存在的词语' } })).toBe(0);
  });
});
