import { useCallback, useMemo, useState } from 'react';
import { emptyFilterValues, filterRequest, filtersFromAddress, type FilterField, type FilterValues } from '../components/list/filters';
import type { Paging } from '../components/list/ServerTable';
import { useLatestRef } from './useLatestRef';
import { useSavedState } from './useSavedState';
import { useServerList } from './useServerList';

export interface ListPageOptions<Row, Query> {
  /** sessionStorage key of the saved state (filters, page, sort); add the user's id so users do not share it. */
  storageKey: string;
  filters: readonly FilterField[];
  defaultSort: Pick<Paging, 'sortBy' | 'sortOrder'>;
  pageSize?: number;
  load(query: Query): Promise<{ items: Row[]; total: number }>;
  onError(error: unknown): void;
}

type ListState = Paging & { filters: FilterValues };

/** The list request of a state: the filter bar's fields as the contract has them, then the paging. */
const queryOf = (fields: readonly FilterField[], s: ListState) =>
  ({ ...filterRequest(fields, s.filters), page: s.page, pageSize: s.pageSize, sortBy: s.sortBy, sortOrder: s.sortOrder });

/**
 * A link that carries a filter (the workbench's numbers: `#/notices?statuses=overdue`) opens the list on exactly
 * that filter, from its first page: it replaces the saved state, and the address goes back to the bare path.
 */
function seedFromAddress(key: string, fields: readonly FilterField[], initial: ListState): void {
  const [path, query] = window.location.hash.split('?');
  const seeded = filtersFromAddress(fields, query);
  if (!seeded) return;
  const state: ListState = { ...initial, filters: seeded.values, page: 1, sortBy: seeded.sortBy ?? initial.sortBy, sortOrder: seeded.sortOrder ?? initial.sortOrder };
  sessionStorage.setItem(key, JSON.stringify(state));
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${path}`);
}

/**
 * The state of a list page: the filter bar's values and the paging/sort, saved for the window; the page of
 * rows from the service (one request per change); the contract's filter for an export of the same rows.
 */
export function useListPage<Row, Query>(options: ListPageOptions<Row, Query>) {
  const { filters, defaultSort } = options;
  const initial = useMemo<ListState>(
    () => ({ filters: emptyFilterValues(filters), page: 1, pageSize: options.pageSize ?? 20, ...defaultSort }),
    [filters, defaultSort, options.pageSize],
  );
  useState(() => seedFromAddress(options.storageKey, filters, initial));
  const [state, setState] = useSavedState<ListState>(options.storageKey, initial);
  // The filter bar shows the saved values when it opens, then keeps its own; its first values never change.
  const [initialFilters] = useState(state.filters);

  const request = useMemo(() => filterRequest(filters, state.filters), [filters, state.filters]);
  const query = useMemo(() => queryOf(filters, state) as Query, [filters, state]);
  const { ask, ...list } = useServerList<Query, Row>(query, options.load, options.onError);

  // A change asks the service at once, in the clerk's event, before React renders it.
  const current = useLatestRef(state);
  const change = useCallback(
    (next: ListState) => {
      ask(queryOf(filters, next) as Query);
      setState(next);
    },
    [ask, filters, setState],
  );
  const onFilters = useCallback((values: FilterValues) => change({ ...current.current, filters: values, page: 1 }), [change, current]);
  const onPaging = useCallback((next: Paging) => change({ ...current.current, ...next }), [change, current]);

  // The table's sort arrows and page follow the rows it shows: a click changes them together with the rows,
  // in one render, when the answer is there (not once before it and again after).
  const shown = (list.shown as (Query & Paging) | null) ?? state;
  const { page, pageSize, sortBy, sortOrder } = shown;
  const shownPaging = useMemo<Paging>(() => ({ page, pageSize, sortBy, sortOrder }), [page, pageSize, sortBy, sortOrder]);

  const table = { rows: list.items, total: list.total, loading: list.loading, paging: shownPaging, onPaging, defaultSort };
  return {
    /** What a ServerTable of this list takes (rows, total, loading, paging and its change, the default sort). */
    table,
    initialFilters,
    onFilters,
    filtered: Object.keys(request).length > 0,
    paging: shownPaging,
    onPaging,
    /** The filter and sort of what is shown, for exporting the same rows. */
    request: useMemo(() => ({ ...request, sortBy: state.sortBy, sortOrder: state.sortOrder }), [request, state.sortBy, state.sortOrder]),
    ...list,
  };
}
