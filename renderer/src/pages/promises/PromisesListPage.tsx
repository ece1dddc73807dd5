import { BarChartOutlined, DownloadOutlined, PlusOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space, Typography, App as AntApp } from 'antd';
import { useCallback } from 'react';
import type { PromiseListFilter, PromiseRow } from '../../../../shared/contract/promises';
import type { PromiseStatus, ResolutionWay } from '../../../../shared/domain/promises';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { downloadBase64 } from '../../components/files';
import { errorMessage } from '../../components/formRules';
import { formatYuan } from '../../components/format';
import { ExportButton } from '../../components/list/ExportButton';
import { FilterBar } from '../../components/list/FilterBar';
import type { FilterField } from '../../components/list/filters';
import { ServerTable, type ListColumn, type Paging } from '../../components/list/ServerTable';
import { useListPage } from '../../hooks/useListPage';
import { PromiseStatusTag, STATUS_OPTIONS, TYPE_OPTIONS, WAY_OPTIONS, WAY_SHORT } from './promiseUi';

const FILTERS: readonly FilterField[] = [
  { kind: 'text', name: 'search', label: '搜索', placeholder: '项目、企业、协议编号、承诺内容', width: 230, search: true },
  { kind: 'choices', name: 'scope', label: '范围', options: [{ value: 'mine', label: '我负责的' }], width: 110 },
  { kind: 'choices', name: 'statuses', label: '状态', options: STATUS_OPTIONS },
  { kind: 'choices', name: 'ways', label: '兑现路径', options: WAY_OPTIONS },
  { kind: 'choices', name: 'types', label: '承诺类型', options: TYPE_OPTIONS },
  { kind: 'dateRange', name: 'due', label: '兑现期限', from: 'dueFrom', to: 'dueTo' },
];

const DEFAULT_SORT: Pick<Paging, 'sortBy' | 'sortOrder'> = { sortBy: 'updatedAt', sortOrder: 'desc' };

function ProjectCell({ row }: { row: PromiseRow }) {
  return (
    <div className="subject-cell">
      <a href={`#/promises/projects/${row.projectId}`} onClick={(e) => e.stopPropagation()}>{row.projectName}</a>
      <div className="sub-line" title={`${row.enterpriseName}（${row.agreementNo}）`}>{row.enterpriseName}</div>
    </div>
  );
}

const COLUMNS: readonly ListColumn<PromiseRow>[] = [
  { title: '项目 / 企业', key: 'projectName', dataIndex: 'projectName', sortKey: 'enterpriseName', firstOrder: 'asc', width: 190, render: (_: unknown, r) => <ProjectCell row={r} /> },
  { title: '承诺类型', key: 'type', dataIndex: 'type', width: 96 },
  { title: '承诺内容', key: 'content', dataIndex: 'content', ellipsis: true },
  { title: '承诺金额', key: 'amountFen', dataIndex: 'amountFen', sortKey: 'amountFen', width: 118, align: 'right', render: formatYuan },
  { title: '已兑现', key: 'paidFen', dataIndex: 'paidFen', width: 112, align: 'right', render: formatYuan },
  { title: '兑现期限', key: 'dueOn', dataIndex: 'dueOn', sortKey: 'dueOn', firstOrder: 'asc', width: 96 },
  { title: '状态', key: 'status', dataIndex: 'status', width: 96, render: (s: PromiseStatus) => <PromiseStatusTag status={s} /> },
  { title: '兑现路径', key: 'way', dataIndex: 'way', width: 84, render: (w: ResolutionWay | null) => (w ? WAY_SHORT[w] : '—') },
  { title: '责任部门 / 人', key: 'responsible', dataIndex: 'responsibleName', width: 120, render: (_: unknown, r) => `${r.department} · ${r.responsibleName}` },
];

/** The list's request: the scope choice becomes `mine`. */
function requestOf(query: Record<string, unknown>): PromiseListFilter & Paging {
  const { scope, ...rest } = query as { scope?: string[] } & Record<string, unknown>;
  return { ...rest, mine: scope?.includes('mine') || undefined } as PromiseListFilter & Paging;
}

const loadPromises = (query: Record<string, unknown>) => api.promisesList(requestOf(query) as Parameters<typeof api.promisesList>[0]);

/** 招商引资承诺: one row per promise item, filters (status, way, type, due date, mine), export and import. */
export function PromisesListPage() {
  const { message } = AntApp.useApp();
  const onError = useCallback((error: unknown) => message.error(errorMessage(error)), [message]);
  const storageKey = `ledger.promises.list.v1.${useSession().status.user?.id ?? ''}`;
  const list = useListPage<PromiseRow, Record<string, unknown>>({ storageKey, filters: FILTERS, defaultSort: DEFAULT_SORT, load: loadPromises, onError });

  return (
    <div className="page promises-page">
      <div className="page-head">
        <Typography.Title level={4}>招商引资政策承诺兑现台账</Typography.Title>
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/promises/new')}>新建项目</Button>
          <Button icon={<BarChartOutlined />} onClick={() => navigate('/promises/figures')}>兑现统计</Button>
          <Button icon={<SwapOutlined />} onClick={() => navigate('/promises/handover')}>工作交接</Button>
          <Button icon={<UploadOutlined />} onClick={() => navigate('/promises/import')}>Excel 导入</Button>
          <ExportButton run={() => api.promisesExport(requestOf(list.request) as Parameters<typeof api.promisesExport>[0])} />
          <Button icon={<DownloadOutlined />} onClick={async () => downloadBase64(await api.promisesTemplate({}))}>下载模板</Button>
        </Space>
      </div>
      <FilterBar name="promiseFilter" className="records-filter" fields={FILTERS} initial={list.initialFilters} onChange={list.onFilters} filtered={list.filtered} />
      <ServerTable<PromiseRow>
        className="promises-table"
        columns={COLUMNS}
        {...list.table}
        pageSizes={[20, 50, 100]}
        onOpen={(row) => navigate(`/promises/projects/${row.projectId}`)}
        emptyText={list.filtered ? '没有符合筛选条件的承诺事项' : '暂无承诺事项，可点击“新建项目”或“Excel 导入”'}
      />
    </div>
  );
}
