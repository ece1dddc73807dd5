import { Alert, Button, DatePicker, Form, Input, Select, Space, Table, Typography, App as AntApp } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry, AuditVerifyResult, UserRow } from '../../../shared/contract';
import { api } from '../api/client';
import { errorMessage } from '../components/formRules';
import { formatInstant } from '../components/format';
import { useCan } from '../app/session';

const ENTITY_LABELS: Record<string, string> = {
  dishonesty_record: '失信记录',
  record_attachment: '附件',
  user: '用户',
  settings: '系统设置',
};
const ACTION_LABELS: Record<string, string> = {
  create: '新建', import: '导入', edit: '修改', correct: '更正', approve: '审核认定', reject: '核实不属实',
  startRectification: '下发整改', completeRectification: '整改完成', repair: '信用修复', exempt: '容错免责',
  lodgeObjection: '登记异议', upholdObjection: '异议成立', dismissObjection: '异议不成立',
  login: '登录', changePassword: '修改密码', disable: '停用', enable: '启用', initialize: '初始化', update: '修改', add: '添加',
};

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
          <Select allowClear placeholder="全部" style={{ width: 120 }} options={Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="操作" name="action">
          <Select allowClear placeholder="全部" showSearch optionFilterProp="label" style={{ width: 130 }} options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }))} />
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
        expandable={{
          expandedRowRender: (e) => (
            <Space align="start" size="large" className="audit-json">
              <div><Typography.Text strong>修改前</Typography.Text><pre>{e.before === null ? '—' : JSON.stringify(e.before, null, 2)}</pre></div>
              <div><Typography.Text strong>修改后</Typography.Text><pre>{e.after === null ? '—' : JSON.stringify(e.after, null, 2)}</pre></div>
            </Space>
          ),
        }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 70 },
          { title: '时间', dataIndex: 'at', render: formatInstant, width: 150 },
          { title: '用户', dataIndex: 'userName', width: 100, render: (v: string | null) => v ?? '系统' },
          { title: '对象', dataIndex: 'entity', width: 90, render: (v: string) => ENTITY_LABELS[v] ?? v },
          { title: '操作', dataIndex: 'action', width: 100, render: (v: string) => ACTION_LABELS[v] ?? v },
          { title: '对象编号', dataIndex: 'entityId', ellipsis: true },
          { title: '哈希', dataIndex: 'hash', width: 110, render: (h: string) => <Typography.Text code>{h.slice(0, 10)}</Typography.Text> },
        ]}
      />
    </div>
  );
}
