import type { ListSpec } from '../ledger/listSpec';

/**
 * Severity sorts by rank. The text must be exactly the expression of the index records_severity_rank
 * (migration 0003), or SQLite sorts the whole table instead of reading the index in order; a unit test
 * holds the two equal, since runtime code never imports a migration.
 */
export const SEVERITY_RANK_SQL = `(CASE severity WHEN '一般' THEN 1 WHEN '较重' THEN 2 ELSE 3 END)`;

/** The 政务失信记录 list (DOMAIN.md §1): its filters, sorts and search index. */
export const RECORD_LIST_SPEC: ListSpec = {
  table: 'dishonesty_records',
  choiceFilters: {
    statuses: 'status',
    situations: 'situation',
    sectors: 'sector',
    clueSources: 'clue_source',
    severities: 'severity',
    subjectTypes: 'subject_type',
  },
  rangeFilters: {
    happenedFrom: { column: 'happened_on', bound: 'from' },
    happenedTo: { column: 'happened_on', bound: 'to' },
    recognisedFrom: { column: 'recognised_on', bound: 'from' },
    recognisedTo: { column: 'recognised_on', bound: 'to' },
  },
  search: { indexTable: 'record_search', columns: ['unit_name', 'person_name', 'doc_number', 'doc_name', 'facts'] },
  // Part of the unit's name: the subject unit, or the unit that employs a person.
  textFilters: { unit: { indexTable: 'record_unit_search', columns: ['unit_name'], distinctValues: { table: 'record_unit_names', column: 'unit_name' } } },
  sorts: {
    updatedAt: 'updated_at',
    happenedOn: 'happened_on',
    recognisedOn: 'recognised_on',
    amountFen: 'amount_fen',
    subjectName: 'subject_sort',
    unitName: 'unit_sort',
    severity: SEVERITY_RANK_SQL,
  },
  countingColumns: ['severity', 'subject_type', 'unit_name'],
};
