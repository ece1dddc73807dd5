import type { ListSpec } from '../ledger/listSpec';

/** The 公开承诺 list (DOMAIN.md §2): its filters, sorts and search index (migration 0014). */
export const COMMITMENT_LIST_SPEC: ListSpec = {
  table: 'public_commitments',
  choiceFilters: {
    statuses: 'status',
    commitmentTypes: 'commitment_type',
    serviceAreas: 'service_area',
    departments: 'department',
  },
  rangeFilters: {
    dueFrom: { column: 'due_on', bound: 'from' },
    dueTo: { column: 'due_on', bound: 'to' },
  },
  search: { indexTable: 'commitment_search', columns: ['unit_name', 'number', 'title', 'content'] },
  textFilters: {},
  sorts: {
    updatedAt: 'updated_at',
    dueOn: 'due_on',
    publishedOn: 'published_on',
    unitName: 'unit_sort',
  },
};
