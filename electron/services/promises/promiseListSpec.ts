import type { ListSpec } from '../ledger/listSpec';

/** The promise items list (DOMAIN.md §3): its filters, sorts and search index (migration 0015). */
export const PROMISE_LIST_SPEC: ListSpec = {
  table: 'promise_items',
  choiceFilters: {
    statuses: 'status',
    types: 'type',
    departments: 'department',
    responsibleUserIds: 'responsible_user_id',
    enterpriseUscc: 'enterprise_uscc',
    ways: 'way',
  },
  rangeFilters: {
    dueFrom: { column: 'due_on', bound: 'from' },
    dueTo: { column: 'due_on', bound: 'to' },
  },
  search: { indexTable: 'promise_search', columns: ['project_name', 'enterprise_name', 'agreement_no', 'content'] },
  textFilters: {},
  sorts: {
    updatedAt: 'updated_at',
    dueOn: 'due_on',
    amountFen: 'amount_fen',
    enterpriseName: 'enterprise_sort',
  },
};
