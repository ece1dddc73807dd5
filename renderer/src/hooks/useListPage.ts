import { useCallback, useMemo, useState } from 'react';
import { emptyFilterValues, filterRequest, type FilterField, type FilterValues } from '../components/list/filters';
import type { Paging } from '../components/list/ServerTable';
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
  const [state, setState] = useSavedState<ListState>(options.storageKey, initial);
  // The filter bar shows the saved values when it opens, then keeps its own; its first values never change.
  const [initialFilters] = useState(state.filters);

  const request = useMemo(() => filterRequest(filters, state.filters), [filters, state.filters]);
  const paging = useMemo<Paging>(
    () => ({ page: state.page, pageSize: state.pageSize, sortBy: state.sortBy, sortOrder: state.sortOrder }),
    [state.page, state.pageSize, state.sortBy, state.sortOrder],
  );
  const query = useMemo(() => ({ ...request, ...paging }) as Query, [request, paging]);
  const list = useServerList<Query, Row>(query, options.load, options.onError);

  const onFilters = useCallback((values: FilterValues) => setState((s) => ({ ...s, filters: values, page: 1 })), [setState]);
  const onPaging = useCallback((next: Paging) => setState((s) => ({ ...s, ...next })), [setState]);

  // The table's sort arrows and page follow the rows it shows: a click changes them together with the rows,
  // in one render, when the answer is there (not once before it and again after).
  const shown = (list.shown as (Query & Paging) | null) ?? paging;
  const { page, pageSize, sortBy, sortOrder } = shown;
  const shownPaging = useMemo<Paging>(() => ({ page, pageSize, sortBy, sortOrder }), [page, pageSize, sortBy, sortOrder]);

  return {
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
