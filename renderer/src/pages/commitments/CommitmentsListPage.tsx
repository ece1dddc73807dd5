import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space, Typography, App as AntApp } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CommitmentListFilter, CommitmentRow } from '../../../../shared/contract';
import type { CommitmentStatus } from '../../../../shared/domain/commitments';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { downloadBase64 } from '../../components/files';
import { errorMessage } from '../../components/formRules';
import { formatInstant } from '../../components/format';
import { ExportButton } from '../../components/list/ExportButton';
import { FilterBar } from '../../components/list/FilterBar';
import type { FilterField } from '../../components/list/filters';
import { ServerTable, type ListColumn, type Paging } from '../../components/list/ServerTable';
import { useListPage } from '../../hooks/useListPage';
import { COMMITMENT_STATUS_OPTIONS, COMMITMENT_TYPE_OPTIONS, CommitmentStatusTag, SERVICE_AREA_OPTIONS } from './commitmentUi';

/** The filter bar: the search box, status (逾期未兑现 among them), type, area, department, due-date range. */
const filtersWith = (departments: string[]): readonly FilterField[] => [
  { kind: 'text', name: 'search', label: '搜索', placeholder: '承诺事项、内容、单位、编号', width: 220, search: true },
  { kind: 'choices', name: 'statuses', label: '状态', options: COMMITMENT_STATUS_OPTIONS },
  { kind: 'choices', name: 'commitmentTypes', label: '承诺类型', options: COMMITMENT_TYPE_OPTIONS },
  { kind: 'choices', name: 'serviceAreas', label: '服务领域', options: SERVICE_AREA_OPTIONS },
  { kind: 'choices', name: 'departments', label: '责任部门', options: departments.map((d) => ({ value: d, label: d })) },
  { kind: 'dateRange', name: 'due', label: '承诺期限', from: 'dueFrom', to: 'dueTo' },
];
const NO_DEPARTMENTS = filtersWith([]);

const DEFAULT_SORT: Pick<Paging, 'sortBy' | 'sortOrder'> = { sortBy: 'updatedAt', sortOrder: 'desc' };
const PAGE_SIZES = [20, 50, 100];

function TitleCell({ row }: { row: CommitmentRow }) {
  return (
    <div className="subject-cell">
      <a href={`#/commitments/${row.id}`} onClick={(e) => e.stopPropagation()}>{row.title}</a>
      <div className="cell-sub" title={row.unitName}>{row.number} · {row.unitName}</div>
    </div>
  );
}

const UpdatedCell = (iso: string) => <span title={formatInstant(iso)}>{iso ? formatInstant(iso).slice(0, 10) : '—'}</span>;
const SupervisionCell = (_: unknown, r: CommitmentRow) => (r.checks + r.complaints === 0 ? '—' : `检查 ${r.checks} · 投诉 ${r.complaints}`);

/** Fits 1280 pixels without a horizontal scroll. */
const COLUMNS: readonly ListColumn<CommitmentRow>[] = [
  { title: '承诺事项', key: 'title', dataIndex: 'title', sortKey: 'unitName', firstOrder: 'asc', render: (_: unknown, r) => <TitleCell row={r} /> },
  { title: '承诺类型', key: 'commitmentType', dataIndex: 'commitmentType', width: 100 },
  { title: '服务领域', key: 'serviceArea', dataIndex: 'serviceArea', width: 84 },
  { title: '责任部门', key: 'department', dataIndex: 'department', width: 140, ellipsis: true, render: (d: string, r) => `${d} · ${r.responsiblePerson}` },
  { title: '状态', key: 'status', dataIndex: 'status', width: 96, render: (s: CommitmentStatus) => <CommitmentStatusTag status={s} /> },
  { title: '公开日期', key: 'publishedOn', dataIndex: 'publishedOn', sortKey: 'publishedOn', width: 96 },
  { title: '承诺期限', key: 'dueOn', dataIndex: 'dueOn', sortKey: 'dueOn', width: 96 },
  { title: '监督', key: 'supervision', width: 124, render: SupervisionCell },
  { title: '最后修改', key: 'updatedAt', dataIndex: 'updatedAt', sortKey: 'updatedAt', width: 92, render: UpdatedCell },
];

const loadCommitments = (query: CommitmentListFilter & Paging) => api.commitmentsList(query as Parameters<typeof api.commitmentsList>[0]);
const openCommitment = (row: CommitmentRow) => navigate(`/commitments/${row.id}`);

/** 公开承诺: filters, server paging and sorting, export, import and the template. */
export function CommitmentsListPage() {
  const { message } = AntApp.useApp();
  const onError = useCallback((error: unknown) => message.error(errorMessage(error)), [message]);
  const [departments, setDepartments] = useState<string[] | null>(null);
  useEffect(() => {
    api.commitmentsDepartments({}).then(setDepartments, onError);
  }, [onError]);
  const filters = useMemo(() => (departments ? filtersWith(departments) : NO_DEPARTMENTS), [departments]);
  const list = useListPage<CommitmentRow, CommitmentListFilter & Paging>({
    storageKey: `ledger.commitments.list.v1.${useSession().status.user?.id ?? ''}`,
    filters,
    defaultSort: DEFAULT_SORT,
    load: loadCommitments,
    onError,
  });
  const downloadTemplate = async () => {
    try {
      downloadBase64(await api.commitmentsTemplate({}));
    } catch (error) {
      onError(error);
    }
  };

  return (
    <div className="page commitments-page">
      <div className="page-head">
        <Typography.Title level={4}>公开承诺</Typography.Title>
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/commitments/new')}>新建承诺</Button>
          <Button icon={<UploadOutlined />} onClick={() => navigate('/commitments/import')}>Excel 导入</Button>
          <ExportButton run={() => api.commitmentsExport(list.request as Parameters<typeof api.commitmentsExport>[0])} />
          <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>下载模板</Button>
        </Space>
      </div>
      {departments && (
        <FilterBar name="commitmentFilter" className="commitments-filter" fields={filters} initial={list.initialFilters} onChange={list.onFilters} filtered={list.filtered} />
      )}
      <ServerTable<CommitmentRow>
        className="commitments-table"
        columns={COLUMNS}
        rows={list.items}
        total={list.total}
        loading={list.loading}
        paging={list.paging}
        defaultSort={DEFAULT_SORT}
        pageSizes={PAGE_SIZES}
        onPaging={list.onPaging}
        onOpen={openCommitment}
        emptyText={list.filtered ? '没有符合筛选条件的承诺' : '暂无公开承诺，可点击“新建承诺”或“Excel 导入”'}
      />
    </div>
  );
}
