import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Radio, Space, Table, App as AntApp } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { CommitmentDetail } from '../../../../shared/contract';
import { CHECK_LABELS, COMPLAINT_LABELS, SUPERVISION_KIND_LABELS, type SupervisionKind } from '../../../../shared/domain/commitments';
import type { SupervisionEntry } from '../../../../shared/domain/commitmentSchema';
import { api, LedgerError } from '../../api/client';
import { toIso } from '../../components/dates';
import { DateInput, notFutureRule } from '../../components/form/DateInput';
import { KeySelect } from '../../components/form/KeySelect';
import { errorMessage, requiredRule, showFieldError } from '../../components/formRules';
import { formatInstant } from '../../components/format';
import { CHECK_METHOD_OPTIONS, CHECK_RESULT_OPTIONS, COMPLAINT_CHANNEL_OPTIONS, COMPLAINT_RESULT_OPTIONS } from './commitmentUi';

/** One row of the log, whatever its kind: when, who or which channel, what was found or said, what was done, the result. */
const row = (e: SupervisionEntry) =>
  e.kind === 'check'
    ? { key: e.id, kind: e.kind, on: e.on, party: `${e.inspector}（${e.method}）`, content: e.finding, handling: '—', result: e.result, by: `${e.byName} · ${formatInstant(e.at)}` }
    : { key: e.id, kind: e.kind, on: e.on, party: e.channel, content: e.content, handling: e.handling, result: e.result, by: `${e.byName} · ${formatInstant(e.at)}` };

/** The supervision log of a commitment: checks and public complaints, newest first, each with who entered it. */
export function SupervisionCard({ commitment, canAdd, onChanged }: { commitment: CommitmentDetail; canAdd: boolean; onChanged(): void }) {
  const [adding, setAdding] = useState<SupervisionKind | null>(null);
  const rows = [...commitment.supervision].reverse().map(row);
  return (
    <Card
      size="small"
      title={`监督记录（检查 ${commitment.supervision.filter((e) => e.kind === 'check').length} 次 · 投诉 ${commitment.supervision.filter((e) => e.kind === 'complaint').length} 件）`}
      className="gap-below supervision-card"
      extra={canAdd && (
        <Space>
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding('check')}>登记监督检查</Button>
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding('complaint')}>登记群众投诉</Button>
        </Space>
      )}
    >
      <Table
        size="small"
        className="supervision-table"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '暂无监督检查或群众投诉' }}
        columns={[
          { title: '类别', dataIndex: 'kind', width: 76, render: (k: SupervisionKind) => SUPERVISION_KIND_LABELS[k] },
          { title: '日期', dataIndex: 'on', width: 96 },
          { title: '检查人 / 渠道', dataIndex: 'party', width: 150 },
          { title: '发现情况 / 投诉内容', dataIndex: 'content' },
          { title: '处理情况', dataIndex: 'handling', width: 150 },
          { title: '结论 / 结果', dataIndex: 'result', width: 86 },
          { title: '登记', dataIndex: 'by', width: 150 },
        ]}
      />
      {adding && <SupervisionModal kind={adding} commitment={commitment} onClose={() => setAdding(null)} onDone={() => { setAdding(null); onChanged(); }} />}
    </Card>
  );
}

interface EntryValues { on?: Dayjs | null; inspector?: string; method?: string; finding?: string; result?: string; channel?: string; content?: string; handling?: string }

/** 登记监督检查 / 登记群众投诉: the entry's fields, checked as the service checks them. */
function SupervisionModal({ kind, commitment, onClose, onDone }: { kind: SupervisionKind; commitment: CommitmentDetail; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<EntryValues>();
  const [busy, setBusy] = useState(false);
  const { message } = AntApp.useApp();
  const check = kind === 'check';
  const L = check ? CHECK_LABELS : COMPLAINT_LABELS;
  const text = (label: string, max: number) => [requiredRule(label), { max, message: `${label}不能超过 ${max} 个字` }];

  const ok = async () => {
    let v: EntryValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const on = toIso(v.on) ?? '';
      const entry = check
        ? { kind: 'check' as const, on, inspector: v.inspector!.trim(), method: v.method as never, finding: v.finding!.trim(), result: v.result as never }
        : { kind: 'complaint' as const, on, channel: v.channel as never, content: v.content!.trim(), handling: v.handling!.trim(), result: v.result as never };
      await api.commitmentsSupervise({ id: commitment.id, expectedVersion: commitment.version, entry });
      message.success(`已登记${SUPERVISION_KIND_LABELS[kind]}`);
      onDone();
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
      if (error instanceof LedgerError && error.code === 'CONFLICT') onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={`登记${SUPERVISION_KIND_LABELS[kind]}`} okText="登记" cancelText="取消" onOk={ok} onCancel={onClose} confirmLoading={busy} destroyOnHidden width={560}>
      <Form form={form} name="supervision" layout="vertical" onFinish={ok}>
        <Space size={16} align="start">
          <Form.Item label={L.on} name="on" rules={[{ required: true, message: `请填写${L.on}` }, notFutureRule(L.on)]}>
            <DateInput style={{ width: 160 }} />
          </Form.Item>
          {check ? (
            <>
              <Form.Item label={CHECK_LABELS.inspector} name="inspector" rules={text(CHECK_LABELS.inspector, 50)}><Input style={{ width: 160 }} maxLength={50} /></Form.Item>
              <Form.Item label={CHECK_LABELS.method} name="method" rules={[{ required: true, message: `请选择${CHECK_LABELS.method}` }]}><KeySelect options={CHECK_METHOD_OPTIONS} style={{ width: 140 }} /></Form.Item>
            </>
          ) : (
            <Form.Item label={COMPLAINT_LABELS.channel} name="channel" rules={[{ required: true, message: `请选择${COMPLAINT_LABELS.channel}` }]}><KeySelect options={COMPLAINT_CHANNEL_OPTIONS} style={{ width: 160 }} /></Form.Item>
          )}
        </Space>
        {check ? (
          <Form.Item label={CHECK_LABELS.finding} name="finding" rules={text(CHECK_LABELS.finding, 1000)}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} /></Form.Item>
        ) : (
          <>
            <Form.Item label={COMPLAINT_LABELS.content} name="content" rules={text(COMPLAINT_LABELS.content, 1000)}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} /></Form.Item>
            <Form.Item label={COMPLAINT_LABELS.handling} name="handling" rules={text(COMPLAINT_LABELS.handling, 1000)}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} /></Form.Item>
          </>
        )}
        <Form.Item label={L.result} name="result" rules={[{ required: true, message: `请选择${L.result}` }]}>
          <Radio.Group options={check ? CHECK_RESULT_OPTIONS : COMPLAINT_RESULT_OPTIONS} optionType="button" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
