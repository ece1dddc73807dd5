import { FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Space, Typography, App as AntApp } from 'antd';
import { useCallback, useState } from 'react';
import type { NoticeListFilter, NoticeRow } from '../../../../shared/contract';
import { NOTICE_SOURCE_LABELS, type NoticeStatus } from '../../../../shared/domain/notices';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useCan, useSession } from '../../app/session';
import { errorMessage } from '../../components/formRules';
import { formatInstant } from '../../components/format';
import { FilterBar } from '../../components/list/FilterBar';
import type { FilterField } from '../../components/list/filters';
import { ServerTable, type ListColumn, type Paging } from '../../components/list/ServerTable';
import { useListPage } from '../../hooks/useListPage';
import { downloadPdf, NOTICE_STATUS_OPTIONS, NoticeStatusTag, SOURCE_OPTIONS } from './noticeUi';

const thisYear = new Date().getFullYear();
const YEAR_OPTIONS = [0, 1, 2, 3, 4].map((k) => ({ value: String(thisYear - k), label: `${thisYear - k}年` }));

const FILTERS: readonly FilterField[] = [
  { kind: 'text', name: 'search', label: '搜索', placeholder: '文号、主送单位、事实', width: 220, search: true },
  { kind: 'choices', name: 'statuses', label: '状态', options: NOTICE_STATUS_OPTIONS },
  { kind: 'choices', name: 'years', label: '年度', options: YEAR_OPTIONS },
  { kind: 'choices', name: 'sourceKinds', label: '来源台账', options: SOURCE_OPTIONS },
  { kind: 'choices', name: 'overdue', label: '逾期', options: [{ value: 'yes', label: '只看逾期未回复' }] },
  { kind: 'dateRange', name: 'deadline', label: '整改期限', from: 'deadlineFrom', to: 'deadlineTo' },
];

const DEFAULT_SORT: Pick<Paging, 'sortBy' | 'sortOrder'> = { sortBy: 'updatedAt', sortOrder: 'desc' };

const COLUMNS: readonly ListColumn<NoticeRow>[] = [
  {
    title: '文号', key: 'number', dataIndex: 'number', sortKey: 'number', width: 190,
    render: (v: string | null, r) => <a href={`#/notices/${r.id}`} onClick={(e) => e.stopPropagation()}>{v ?? '（未签发）'}</a>,
  },
  { title: '主送单位', key: 'addressee', dataIndex: 'addressee', sortKey: 'addressee', firstOrder: 'asc', ellipsis: true, render: (v: string) => v || '（未填写）' },
  { title: '来源', key: 'sourceKind', dataIndex: 'sourceKind', width: 110, render: (v: NoticeRow['sourceKind']) => NOTICE_SOURCE_LABELS[v] },
  { title: '状态', key: 'status', dataIndex: 'status', width: 84, render: (s: NoticeStatus) => <NoticeStatusTag status={s} /> },
  { title: '整改期限', key: 'deadline', dataIndex: 'deadline', sortKey: 'deadline', width: 100, render: (v: string | null) => v ?? '—' },
  { title: '签发日期', key: 'issuedOn', dataIndex: 'issuedOn', sortKey: 'issuedOn', width: 100, render: (v: string | null) => v ?? '—' },
  { title: '打印/PDF', key: 'printCount', dataIndex: 'printCount', width: 84, align: 'right', render: (_: unknown, r) => `${r.printCount} / ${r.pdfCount}` },
  { title: '最后修改', key: 'updatedAt', dataIndex: 'updatedAt', sortKey: 'updatedAt', width: 100, render: (v: string) => <span title={formatInstant(v)}>{formatInstant(v).slice(0, 10)}</span> },
];

type Query = Omit<NoticeListFilter, 'years' | 'overdue'> & { years?: string[]; overdue?: string[] } & Paging;
const toRequest = (q: Query) => ({ ...q, years: q.years?.map(Number), overdue: q.overdue?.length ? true : undefined });
const loadNotices = (q: Query) => api.noticesList(toRequest(q) as Parameters<typeof api.noticesList>[0]);

/** 限期整改通知书: filters (status, year, source ledger, overdue), search, paging; new blank notice; the page's PDF. */
export function NoticesListPage() {
  const { message } = AntApp.useApp();
  const canEdit = useCan('notices.edit');
  const [busy, setBusy] = useState(false);
  const onError = useCallback((error: unknown) => message.error(errorMessage(error)), [message]);
  const list = useListPage<NoticeRow, Query>({
    storageKey: `ledger.notices.list.v1.${useSession().status.user?.id ?? ''}`,
    filters: FILTERS,
    defaultSort: DEFAULT_SORT,
    load: loadNotices,
    onError,
  });
  const newBlank = async () => {
    try {
      navigate(`/notices/${(await api.noticesCreate({ sourceKind: 'blank' })).id}/edit`);
    } catch (error) {
      onError(error);
    }
  };
  const batchPdf = async () => {
    const ids = list.items.filter((n) => n.number).map((n) => n.id);
    if (ids.length === 0) return void message.info('本页没有已签发的通知书');
    setBusy(true);
    try {
      await downloadPdf(await api.noticesPdf({ ids }));
      message.success(`已生成 ${ids.length} 份通知书的 PDF`);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page notices-page">
      <div className="page-head">
        <Typography.Title level={4}>限期整改通知书</Typography.Title>
        <Space wrap>
          {canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={newBlank}>新建空白通知书</Button>}
          <Button icon={<FilePdfOutlined />} loading={busy} onClick={batchPdf}>本页已签发的生成 PDF</Button>
        </Space>
      </div>
      <FilterBar name="noticeFilter" className="notices-filter" fields={FILTERS} initial={list.initialFilters} onChange={list.onFilters} filtered={list.filtered} />
      <ServerTable<NoticeRow>
        className="notices-table"
        columns={COLUMNS}
        rows={list.items}
        total={list.total}
        loading={list.loading}
        paging={list.paging}
        defaultSort={DEFAULT_SORT}
        pageSizes={[20, 50, 100]}
        onPaging={list.onPaging}
        onOpen={(row) => navigate(`/notices/${row.id}`)}
        emptyText={list.filtered ? '没有符合筛选条件的通知书' : '暂无整改通知书：在已认定的失信记录上点“下发整改”，或新建空白通知书'}
      />
    </div>
  );
}
