import { DownloadOutlined, FileExcelOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Space, Table, Typography, App as AntApp } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RecordListFilter, RecordRow } from '../../../../shared/contract';
import { RECORD_SORT_KEYS } from '../../../../shared/contract/records';
import type { RecordStatus } from '../../../../shared/domain/dishonesty';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { errorMessage } from '../../components/formRules';
import { formatInstant, formatYuan } from '../../components/format';
import {
  CLUE_SOURCE_OPTIONS, downloadBase64, fromIso, SECTOR_OPTIONS, SEVERITY_OPTIONS, SeverityText, SITUATION_OPTIONS, STATUS_OPTIONS,
  StatusTag, toIso, useDebounced, useLatest,
} from './recordUi';

type SortKey = (typeof RECORD_SORT_KEYS)[number];

/** The filter bar's choices and text boxes, the same in the form and in the saved state. */
interface FilterChoices {
  statuses: RecordStatus[];
  situations: string[];
  sectors: string[];
  clueSources: string[];
  severities: string[];
  unit: string;
  search: string;
}

/** What the list page holds (dates as YYYY-MM-DD so the state can live in sessionStorage). */
interface ListState extends FilterChoices {
  happened: [string, string] | null;
  recognised: [string, string] | null;
  page: number;
  pageSize: number;
  sortBy: SortKey;
  sortOrder: 'asc' | 'desc';
}

const STORAGE_KEY = 'ledger.records.list';
const PAGE_SIZES = [20, 50, 100];
const EMPTY: ListState = {
  statuses: [], situations: [], sectors: [], clueSources: [], severities: [], happened: null, recognised: null,
  unit: '', search: '', page: 1, pageSize: 20, sortBy: 'updatedAt', sortOrder: 'desc',
};

function loadState(storageKey: string): ListState {
  try {
    const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as Partial<ListState> | null;
    return saved ? { ...EMPTY, ...saved } : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** The contract's filter for the list and the export; empty choices are left out. */
function toFilter(s: ListState, search: string, unit: string): RecordListFilter {
  const many = <T,>(v: T[]) => (v.length ? v : undefined);
  return {
    statuses: many(s.statuses),
    situations: many(s.situations) as RecordListFilter['situations'],
    sectors: many(s.sectors) as RecordListFilter['sectors'],
    clueSources: many(s.clueSources) as RecordListFilter['clueSources'],
    severities: many(s.severities) as RecordListFilter['severities'],
    happenedFrom: s.happened?.[0],
    happenedTo: s.happened?.[1],
    recognisedFrom: s.recognised?.[0],
    recognisedTo: s.recognised?.[1],
    unit: unit.trim() || undefined,
    search: search.trim() || undefined,
  };
}

/** The filter form's values: the date ranges as dayjs for the pickers. */
interface FilterForm extends FilterChoices {
  happened: [Dayjs, Dayjs] | null;
  recognised: [Dayjs, Dayjs] | null;
}

const rangeToIso = (r: [Dayjs, Dayjs] | null | undefined): [string, string] | null =>
  r && r[0] && r[1] ? [toIso(r[0])!, toIso(r[1])!] : null;
const rangeFromIso = (r: [string, string] | null): [Dayjs, Dayjs] | null => (r ? [fromIso(r[0])!, fromIso(r[1])!] : null);

/** Between the form and the saved state: the same choices, the date ranges converted. */
function formValues(s: ListState): FilterForm {
  return { ...choicesOf(s), happened: rangeFromIso(s.happened), recognised: rangeFromIso(s.recognised) };
}
function stateValues(f: Partial<FilterForm>): Pick<ListState, keyof FilterForm> {
  return { ...choicesOf(f), happened: rangeToIso(f.happened), recognised: rangeToIso(f.recognised) };
}
function choicesOf(v: Partial<FilterChoices>): FilterChoices {
  return {
    statuses: v.statuses ?? [],
    situations: v.situations ?? [],
    sectors: v.sectors ?? [],
    clueSources: v.clueSources ?? [],
    severities: v.severities ?? [],
    unit: v.unit ?? '',
    search: v.search ?? '',
  };
}

/** The multiple-choice filters, in the order of the filter bar. */
const CHOICE_FILTERS = [
  { label: '状态', name: 'statuses', options: STATUS_OPTIONS },
  { label: '失信情形', name: 'situations', options: SITUATION_OPTIONS },
  { label: '领域', name: 'sectors', options: SECTOR_OPTIONS },
  { label: '线索来源', name: 'clueSources', options: CLUE_SOURCE_OPTIONS },
  { label: '严重程度', name: 'severities', options: SEVERITY_OPTIONS },
] as const;

/** Sorting toggles between the two directions; it never falls back to "unsorted". */
const ASC_FIRST: SortOrder[] = ['ascend', 'descend', 'ascend'];
const DESC_FIRST: SortOrder[] = ['descend', 'ascend', 'descend'];

const SORTABLE: Partial<Record<string, SortKey>> = {
  subjectName: 'unitName', severity: 'severity', happenedOn: 'happenedOn', recognisedOn: 'recognisedOn', amountFen: 'amountFen', updatedAt: 'updatedAt',
};

/** 政务失信记录: filters, server paging and sorting (smooth at 100,000 rows), export and import. */
export function RecordsListPage() {
  // Filters are remembered per user for this window (back from a record, the list is as it was).
  const storageKey = `${STORAGE_KEY}.${useSession().status.user?.id ?? ''}`;
  const [state, setState] = useState<ListState>(() => loadState(storageKey));
  const [form] = Form.useForm<FilterForm>();
  const [data, setData] = useState<{ items: RecordRow[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);
  const { message } = AntApp.useApp();
  const latest = useLatest();

  // The two text boxes reach the service ~300 ms after the clerk stops typing.
  const search = useDebounced(state.search, 300);
  const unit = useDebounced(state.unit, 300);
  const filter = useMemo(() => toFilter(state, search, unit), [state, search, unit]);

  useEffect(() => {
    sessionStorage.setItem(storageKey, JSON.stringify(state));
  }, [state, storageKey]);

  const load = useCallback(async () => {
    const current = latest();
    setLoading(true);
    try {
      const result = await api.recordsList({ ...filter, page: state.page, pageSize: state.pageSize, sortBy: state.sortBy, sortOrder: state.sortOrder });
      if (current()) setData(result);
    } catch (error) {
      if (current()) message.error(errorMessage(error));
    } finally {
      if (current()) setLoading(false);
    }
  }, [filter, state.page, state.pageSize, state.sortBy, state.sortOrder, message, latest]);
  useEffect(() => void load(), [load]);

  const onValuesChange = (_changed: Partial<FilterForm>, all: FilterForm) => {
    setState((s) => ({ ...s, ...stateValues(all), page: 1 }));
  };

  const reset = () => {
    form.resetFields();
    form.setFieldsValue(formValues(EMPTY));
    setState((s) => ({ ...EMPTY, pageSize: s.pageSize, sortBy: s.sortBy, sortOrder: s.sortOrder }));
  };

  const onTableChange = (pagination: TablePaginationConfig, _f: unknown, sorter: SorterResult<RecordRow> | SorterResult<RecordRow>[]) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = one?.order ? SORTABLE[String(one.columnKey ?? one.field)] : undefined;
    setState((s) => {
      const sortBy = key ?? 'updatedAt';
      const sortOrder = key ? (one.order === 'ascend' ? 'asc' : 'desc') : 'desc';
      const pageSize = pagination.pageSize ?? s.pageSize;
      const sortChanged = sortBy !== s.sortBy || sortOrder !== s.sortOrder || pageSize !== s.pageSize;
      return { ...s, sortBy, sortOrder, pageSize, page: sortChanged ? 1 : (pagination.current ?? 1) };
    });
  };

  const exportExcel = async () => {
    setExporting(true);
    try {
      const file = await api.recordsExport({ ...filter, sortBy: state.sortBy, sortOrder: state.sortOrder });
      downloadBase64(file);
      message.success(`已导出 ${file.count} 条记录`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  const downloadTemplate = async () => {
    try {
      downloadBase64(await api.recordsTemplate({}));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const sortOrderOf = (key: SortKey) => (state.sortBy === key ? (state.sortOrder === 'asc' ? 'ascend' : 'descend') : null);
  const filtered = Object.values(filter).some((v) => v !== undefined);

  return (
    <div className="page records-page">
      <div className="page-head">
        <Typography.Title level={4}>政务失信记录</Typography.Title>
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/records/new')}>新建记录</Button>
          <Button icon={<UploadOutlined />} onClick={() => navigate('/records/import')}>Excel 导入</Button>
          <Button icon={<FileExcelOutlined />} loading={exporting} onClick={exportExcel}>导出 Excel</Button>
          <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>下载模板</Button>
        </Space>
      </div>
      <Form<FilterForm> form={form} name="recordFilter" layout="inline" className="filter-bar records-filter" initialValues={formValues(state)} onValuesChange={onValuesChange}>
        <Form.Item label="搜索" name="search">
          <Input allowClear prefix={<SearchOutlined />} placeholder="名称、文书编号、失信事实" style={{ width: 230 }} autoFocus />
        </Form.Item>
        {CHOICE_FILTERS.map(({ label, name, options }) => (
          <Form.Item key={name} label={label} name={name}>
            <Select mode="multiple" allowClear maxTagCount="responsive" style={{ width: 150 }} options={options} showSearch={{ optionFilterProp: 'label' }} placeholder="全部" />
          </Form.Item>
        ))}
        <Form.Item label="发生日期" name="happened">
          <DatePicker.RangePicker style={{ width: 230 }} />
        </Form.Item>
        <Form.Item label="认定日期" name="recognised">
          <DatePicker.RangePicker style={{ width: 230 }} />
        </Form.Item>
        <Form.Item label="单位" name="unit">
          <Input allowClear placeholder="单位名称的一部分" style={{ width: 170 }} />
        </Form.Item>
        <Form.Item>
          <Button onClick={reset} disabled={!filtered}>清除筛选</Button>
        </Form.Item>
      </Form>
      <Table<RecordRow>
        rowKey="id"
        size="small"
        className="records-table"
        loading={loading}
        dataSource={data.items}
        onChange={onTableChange}
        scroll={{ x: 1180 }}
        onRow={(row) => ({ onClick: () => navigate(`/records/${row.id}`) })}
        rowClassName="clickable-row"
        locale={{ emptyText: filtered ? '没有符合筛选条件的记录' : '暂无记录，可点击“新建记录”或“Excel 导入”' }}
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: data.total,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showQuickJumper: data.total > state.pageSize * 5,
          showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 条`,
        }}
        columns={[
          {
            title: '主体', key: 'subjectName', dataIndex: 'subjectName', sorter: true, sortOrder: sortOrderOf('unitName'), sortDirections: ASC_FIRST, width: 200,
            render: (_: unknown, r) => (
              <div className="subject-cell">
                <a href={`#/records/${r.id}`} onClick={(e) => e.stopPropagation()}>{r.subjectName || '（未填写）'}</a>
                {r.subjectType === 'person' ? (
                  <div className="cell-sub" title={r.unitName}>{r.personIdMasked ?? ''}</div>
                ) : null}
              </div>
            ),
          },
          { title: '失信情形', dataIndex: 'situation', width: 112 },
          { title: '领域', dataIndex: 'sector', width: 100, ellipsis: true },
          {
            title: '严重程度', key: 'severity', dataIndex: 'severity', width: 88, sorter: true, sortOrder: sortOrderOf('severity'), sortDirections: DESC_FIRST,
            render: (v: string) => <SeverityText severity={v} />,
          },
          { title: '状态', dataIndex: 'status', width: 92, render: (s: RecordStatus) => <StatusTag status={s} /> },
          { title: '发生日期', key: 'happenedOn', dataIndex: 'happenedOn', width: 100, sorter: true, sortOrder: sortOrderOf('happenedOn'), sortDirections: DESC_FIRST },
          {
            title: '认定日期', key: 'recognisedOn', dataIndex: 'recognisedOn', width: 100, sorter: true, sortOrder: sortOrderOf('recognisedOn'), sortDirections: DESC_FIRST,
            render: (v: string | null) => v ?? '—',
          },
          { title: '文书编号', dataIndex: 'docNumber', ellipsis: { showTitle: true }, render: (v: string | null) => v ?? '—' },
          {
            title: '涉及金额', key: 'amountFen', dataIndex: 'amountFen', width: 128, align: 'right', sorter: true, sortOrder: sortOrderOf('amountFen'), sortDirections: DESC_FIRST,
            render: (v: number | null) => formatYuan(v),
          },
          {
            title: '最后修改', key: 'updatedAt', dataIndex: 'updatedAt', width: 130, sorter: true, sortOrder: sortOrderOf('updatedAt'), sortDirections: DESC_FIRST,
            render: formatInstant,
          },
        ]}
      />
    </div>
  );
}

