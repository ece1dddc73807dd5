import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space, Typography, App as AntApp } from 'antd';
import { useCallback } from 'react';
import type { RecordListFilter, ResponseOf } from '../../../../shared/contract';
import type { RecordStatus } from '../../../../shared/domain/dishonesty';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { downloadBase64 } from '../../components/files';
import { errorMessage } from '../../components/formRules';
import { formatInstant, formatYuan } from '../../components/format';
import { ExportButton } from '../../components/list/ExportButton';
import { FilterBar } from '../../components/list/FilterBar';
import type { FilterField } from '../../components/list/filters';
import { ServerTable, type ListColumn, type Paging } from '../../components/list/ServerTable';
import { useListPage } from '../../hooks/useListPage';
import { uploadColumn } from '../../components/UploadTagBadge';
import { CLUE_SOURCE_OPTIONS, SECTOR_OPTIONS, SEVERITY_OPTIONS, SeverityText, SITUATION_OPTIONS, STATUS_OPTIONS, StatusTag } from './recordUi';

/** The filter bar, in its order: the search box, the multiple choices, the two date ranges, the unit. */
const FILTERS: readonly FilterField[] = [
  { kind: 'text', name: 'search', label: '搜索', placeholder: '名称、文书编号、失信事实', width: 230, search: true },
  { kind: 'choices', name: 'statuses', label: '状态', options: STATUS_OPTIONS },
  { kind: 'choices', name: 'situations', label: '失信情形', options: SITUATION_OPTIONS },
  { kind: 'choices', name: 'sectors', label: '领域', options: SECTOR_OPTIONS },
  { kind: 'choices', name: 'clueSources', label: '线索来源', options: CLUE_SOURCE_OPTIONS },
  { kind: 'choices', name: 'severities', label: '严重程度', options: SEVERITY_OPTIONS },
  { kind: 'dateRange', name: 'happened', label: '发生日期', from: 'happenedFrom', to: 'happenedTo' },
  { kind: 'dateRange', name: 'recognised', label: '认定日期', from: 'recognisedFrom', to: 'recognisedTo' },
  { kind: 'text', name: 'unit', label: '单位', placeholder: '单位名称的一部分' },
];

const DEFAULT_SORT: Pick<Paging, 'sortBy' | 'sortOrder'> = { sortBy: 'updatedAt', sortOrder: 'desc' };
const PAGE_SIZES = [20, 50, 100];
const dash = (v: string | null) => v ?? '—';
/** A row of the list: the record's columns and its upload state. */
type RecordRow = ResponseOf<'records.list'>['items'][number];

function SubjectCell({ row }: { row: RecordRow }) {
  return (
    <div className="subject-cell">
      <a href={`#/records/${row.id}`} onClick={(e) => e.stopPropagation()}>{row.subjectName || '（未填写）'}</a>
      {row.subjectType === 'person' ? <div className="cell-sub" title={row.unitName}>{row.personIdMasked ?? ''}</div> : null}
    </div>
  );
}

/** 最后修改 as the day (the time is in the cell's tooltip): the column stays narrow. */
const UpdatedCell = (iso: string) => <span title={formatInstant(iso)}>{iso ? formatInstant(iso).slice(0, 10) : '—'}</span>;

/**
 * The key columns fit a 1280-pixel office screen without a horizontal scroll: fixed widths for the short
 * columns, and 文书编号 takes what is left, on one line (styles.css .doc-number-cell).
 */
const COLUMNS: readonly ListColumn<RecordRow>[] = [
  { title: '主体', key: 'subjectName', dataIndex: 'subjectName', sortKey: 'unitName', firstOrder: 'asc', width: 150, render: (_: unknown, r) => <SubjectCell row={r} /> },
  { title: '失信情形', key: 'situation', dataIndex: 'situation', width: 106 },
  // 领域 gives way to 上报 on a 1280-pixel screen (it stays a filter and is on the record); wide screens show both
  { title: '领域', key: 'sector', dataIndex: 'sector', width: 72, ellipsis: true, responsive: ['xxl'] },
  { title: '严重程度', key: 'severity', dataIndex: 'severity', sortKey: 'severity', width: 88, render: (v: string) => <SeverityText severity={v} /> },
  { title: '状态', key: 'status', dataIndex: 'status', width: 88, render: (s: RecordStatus) => <StatusTag status={s} /> },
  uploadColumn<RecordRow>(),
  { title: '发生日期', key: 'happenedOn', dataIndex: 'happenedOn', sortKey: 'happenedOn', width: 92 },
  { title: '认定日期', key: 'recognisedOn', dataIndex: 'recognisedOn', sortKey: 'recognisedOn', width: 92, render: dash },
  { title: '文书编号', key: 'docNumber', dataIndex: 'docNumber', className: 'doc-number-cell', render: dash },
  { title: '涉及金额', key: 'amountFen', dataIndex: 'amountFen', sortKey: 'amountFen', width: 108, align: 'right', render: formatYuan },
  { title: '最后修改', key: 'updatedAt', dataIndex: 'updatedAt', sortKey: 'updatedAt', width: 92, render: UpdatedCell },
];

const loadRecords = (query: RecordListFilter & Paging) => api.recordsList(query as Parameters<typeof api.recordsList>[0]);
const openRecord = (row: RecordRow) => navigate(`/records/${row.id}`);

async function downloadTemplate(onError: (error: unknown) => void) {
  try {
    downloadBase64(await api.recordsTemplate({}));
  } catch (error) {
    onError(error);
  }
}

/** 政务失信记录: filters, server paging and sorting (smooth at 100,000 rows), export and import. */
export function RecordsListPage() {
  const { message } = AntApp.useApp();
  const onError = useCallback((error: unknown) => message.error(errorMessage(error)), [message]);
  // Filters are remembered per user for this window (back from a record, the list is as it was).
  const list = useListPage<RecordRow, RecordListFilter & Paging>({
    storageKey: `ledger.records.list.v2.${useSession().status.user?.id ?? ''}`,
    filters: FILTERS,
    defaultSort: DEFAULT_SORT,
    load: loadRecords,
    onError,
  });

  return (
    <div className="page records-page">
      <div className="page-head">
        <Typography.Title level={4}>政务失信记录</Typography.Title>
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/records/new')}>新建记录</Button>
          <Button icon={<UploadOutlined />} onClick={() => navigate('/records/import')}>Excel 导入</Button>
          <ExportButton run={() => api.recordsExport(list.request as Parameters<typeof api.recordsExport>[0])} />
          <Button icon={<DownloadOutlined />} onClick={() => downloadTemplate(onError)}>下载模板</Button>
        </Space>
      </div>
      <FilterBar name="recordFilter" className="records-filter" fields={FILTERS} initial={list.initialFilters} onChange={list.onFilters} filtered={list.filtered} />
      <ServerTable<RecordRow>
        className="records-table"
        columns={COLUMNS}
        rows={list.items}
        total={list.total}
        loading={list.loading}
        paging={list.paging}
        defaultSort={DEFAULT_SORT}
        pageSizes={PAGE_SIZES}
        onPaging={list.onPaging}
        onOpen={openRecord}
        emptyText={list.filtered ? '没有符合筛选条件的记录' : '暂无记录，可点击“新建记录”或“Excel 导入”'}
      />
    </div>
  );
}
