import { Table, type TablePaginationConfig } from 'antd';
import type { ColumnType } from 'antd/es/table';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';
import { memo, useCallback, useMemo } from 'react';

export type SortDirection = 'asc' | 'desc';

/** A column of a server-paged list: antd's column, plus the service's sort key when it can be sorted. */
export interface ListColumn<Row> extends Omit<ColumnType<Row>, 'sorter' | 'sortOrder' | 'sortDirections'> {
  key: string;
  sortKey?: string;
  /** The direction of the first click (then it toggles; a list is never "unsorted"). */
  firstOrder?: SortDirection;
}

export interface Paging {
  page: number;
  pageSize: number;
  sortBy: string;
  sortOrder: SortDirection;
}

export interface ServerTableProps<Row> {
  className: string;
  /** Declared once per ledger (module constant), so the table is not rebuilt on every render. */
  columns: readonly ListColumn<Row>[];
  rows: Row[];
  total: number;
  loading: boolean;
  paging: Paging;
  defaultSort: Pick<Paging, 'sortBy' | 'sortOrder'>;
  pageSizes: number[];
  onPaging(next: Paging): void;
  onOpen(row: Row): void;
  emptyText: string;
  /** Width for a horizontal scroll when the window is narrower than the columns need. */
  scrollX?: number;
}

const ASC_FIRST: SortOrder[] = ['ascend', 'descend', 'ascend'];
const DESC_FIRST: SortOrder[] = ['descend', 'ascend', 'descend'];
const showTotal = (t: number) => `共 ${t.toLocaleString('zh-CN')} 条`;

/** A server-paged, server-sorted antd table: one page of rows, the total, sort arrows that follow the state. */
function ServerTableImpl<Row extends { id: string }>(props: ServerTableProps<Row>) {
  const { columns, paging, defaultSort, onPaging, onOpen } = props;
  const antColumns = useMemo(
    () =>
      columns.map(({ sortKey, firstOrder, ...column }) =>
        sortKey
          ? {
              ...column,
              sorter: true,
              sortDirections: firstOrder === 'asc' ? ASC_FIRST : DESC_FIRST,
              sortOrder: (paging.sortBy === sortKey ? (paging.sortOrder === 'asc' ? 'ascend' : 'descend') : null) as SortOrder,
            }
          : column,
      ),
    [columns, paging.sortBy, paging.sortOrder],
  );

  const onChange = useCallback(
    (pagination: TablePaginationConfig, _filters: unknown, sorter: SorterResult<Row> | SorterResult<Row>[]) => {
      const one = Array.isArray(sorter) ? sorter[0] : sorter;
      const sortKey = one?.order ? columns.find((c) => c.key === String(one.columnKey))?.sortKey : undefined;
      const sortBy = sortKey ?? defaultSort.sortBy;
      const sortOrder: SortDirection = sortKey ? (one.order === 'ascend' ? 'asc' : 'desc') : defaultSort.sortOrder;
      const pageSize = pagination.pageSize ?? paging.pageSize;
      const sortChanged = sortBy !== paging.sortBy || sortOrder !== paging.sortOrder || pageSize !== paging.pageSize;
      onPaging({ sortBy, sortOrder, pageSize, page: sortChanged ? 1 : (pagination.current ?? 1) });
    },
    [columns, defaultSort, onPaging, paging],
  );

  const onRow = useCallback((row: Row) => ({ onClick: () => onOpen(row) }), [onOpen]);
  const pagination = useMemo(
    () => ({
      current: paging.page,
      pageSize: paging.pageSize,
      total: props.total,
      showSizeChanger: true,
      pageSizeOptions: props.pageSizes,
      showQuickJumper: props.total > paging.pageSize * 5,
      showTotal,
    }),
    [paging.page, paging.pageSize, props.total, props.pageSizes],
  );
  const locale = useMemo(() => ({ emptyText: props.emptyText }), [props.emptyText]);

  return (
    <Table<Row>
      rowKey="id"
      size="small"
      tableLayout="fixed"
      showSorterTooltip={false}
      className={props.className}
      loading={props.loading}
      dataSource={props.rows}
      onChange={onChange}
      scroll={props.scrollX ? { x: props.scrollX } : undefined}
      onRow={onRow}
      rowClassName="clickable-row"
      locale={locale}
      pagination={pagination}
      columns={antColumns}
    />
  );
}

export const ServerTable = memo(ServerTableImpl) as typeof ServerTableImpl;
