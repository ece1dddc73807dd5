import { Alert, Button, DatePicker, Form, Input, Select, Table, Typography, App as AntApp } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { AuditChange, AuditEntry, AuditVerifyResult, UserRow } from '../../../shared/contract';
import { AUDIT_ENTITIES, allAuditActions } from '../../../shared/domain/auditDescriptions';
import { api } from '../api/client';
import { errorMessage } from '../components/formRules';
import { formatInstant } from '../components/format';
import { useCan } from '../app/session';

const ENTITY_OPTIONS = Object.entries(AUDIT_ENTITIES).map(([value, d]) => ({ value, label: d.label }));
const ACTION_OPTIONS = allAuditActions();

/** “标签：前 → 后”, or “标签：值” for a new object. */
function ChangeLine({ change }: { change: AuditChange }) {
  return (
    <li>
      <span className="change-label">{change.label}：</span>
      {change.before !== null && <span className="change-before">{change.before}</span>}
      {change.before !== null && ' → '}
      <span className="change-after">{change.after ?? '（空）'}</span>
    </li>
  );
}

/** The full before/after of an entry: one row per changed field. */
function ChangeTable({ entry }: { entry: AuditEntry }) {
  return (
    <Table<AuditChange>
      className="audit-changes"
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={entry.changes}
      columns={[
        { title: '字段', dataIndex: 'label', width: 180 },
        { title: '修改前', dataIndex: 'before', render: (v: string | null) => v ?? '—' },
        { title: '修改后', dataIndex: 'after', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

const SUMMARY_LINES = 2;

interface Filters {
  entity?: string;
  action?: string;
  userId?: string;
  entityId?: string;
  range?: [Dayjs, Dayjs];
}

/** The chained audit log, with filters and a check of the whole chain. */
export function AuditPage() {
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: AuditEntry[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [users, setUsers] = useState<UserRow[]>([]);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const canListUsers = useCan('users.manage');
  const { message } = AntApp.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(
        await api.auditList({
          page,
          pageSize: 50,
          entity: filters.entity,
          action: filters.action,
          userId: filters.userId,
          entityId: filters.entityId?.trim() || undefined,
          from: filters.range?.[0].format('YYYY-MM-DD'),
          to: filters.range?.[1].format('YYYY-MM-DD'),
        }),
      );
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setLoading(false);
    }
  }, [filters, page, message]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (canListUsers) api.usersList({}).then(setUsers, () => undefined);
  }, [canListUsers]);

  const runVerify = async () => {
    try {
      setVerify(await api.auditVerify({}));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={4}>审计日志</Typography.Title>
        <Button onClick={runVerify}>校验日志链</Button>
      </div>
      {verify && (
        <Alert
          className="gap-below"
          showIcon
          type={verify.ok ? 'success' : 'error'}
          message={verify.ok ? `日志链完整：已校验 ${verify.checked} 条记录，未发现篡改。` : `日志链异常：发现 ${verify.problems.length} 处问题`}
          description={verify.ok ? undefined : <ul>{verify.problems.map((p) => <li key={`${p.kind}${p.seq}`}>{p.message}</li>)}</ul>}
        />
      )}
      <Form layout="inline" className="filter-bar" onValuesChange={(_c, all: Filters) => { setPage(1); setFilters(all); }}>
        <Form.Item label="对象" name="entity">
          <Select allowClear placeholder="全部" style={{ width: 120 }} options={ENTITY_OPTIONS} />
        </Form.Item>
        <Form.Item label="操作" name="action">
          <Select allowClear placeholder="全部" showSearch optionFilterProp="label" style={{ width: 130 }} options={ACTION_OPTIONS} />
        </Form.Item>
        {canListUsers && (
          <Form.Item label="用户" name="userId">
            <Select allowClear placeholder="全部" style={{ width: 120 }} options={users.map((u) => ({ value: u.id, label: u.displayName }))} />
          </Form.Item>
        )}
        <Form.Item label="对象编号" name="entityId">
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label="日期" name="range">
          <DatePicker.RangePicker />
        </Form.Item>
      </Form>
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={loading}
        dataSource={data.items}
        pagination={{ current: page, pageSize: 50, total: data.total, showSizeChanger: false, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
        className="audit-table"
        expandable={{
          rowExpandable: (e) => e.changes.length > SUMMARY_LINES,
          expandedRowRender: (e) => <ChangeTable entry={e} />,
        }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 64 },
          { title: '时间', dataIndex: 'at', render: formatInstant, width: 136 },
          { title: '用户', dataIndex: 'userName', width: 110, ellipsis: true, render: (v: string | null) => v ?? '（未登录）' },
          { title: '操作', dataIndex: 'actionLabel', width: 120 },
          {
            title: '对象',
            width: 280,
            render: (_: unknown, e) => (
              <div className="audit-subject">
                <Typography.Text type="secondary">{e.entityLabel}</Typography.Text>{' '}
                {e.subject === null ? null : e.link ? <a href={`#${e.link}`}>{e.subject}</a> : <span>{e.subject}</span>}
              </div>
            ),
          },
          {
            title: '变更内容',
            render: (_: unknown, e) =>
              e.changes.length === 0 ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                <ul className="audit-changes-summary">
                  {e.changes.slice(0, SUMMARY_LINES).map((c) => <ChangeLine key={c.field} change={c} />)}
                  {e.changes.length > SUMMARY_LINES && <li className="audit-more">另有 {e.changes.length - SUMMARY_LINES} 项，展开查看</li>}
                </ul>
              ),
          },
          { title: '哈希', dataIndex: 'hash', width: 100, render: (h: string) => <Typography.Text code>{h.slice(0, 8)}</Typography.Text> },
        ]}
      />
    </div>
  );
}
