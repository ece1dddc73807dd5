import { Alert, DatePicker, Form, Input, Modal, App as AntApp } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { RecordDetail } from '../../../../shared/contract';
import { RECORD_FIELD_LABELS, RECORD_STATUS_LABELS } from '../../../../shared/domain/dishonesty';
import type { RecordTransition } from '../../../../shared/domain/recordLifecycle';
import { api, LedgerError } from '../../api/client';
import { errorMessage, requiredRule, showFieldError } from '../../components/formRules';
import { disableFuture, toIso } from './recordUi';

interface Values {
  reason?: string;
  approver?: string;
  date?: Dayjs | null;
}

/**
 * One life-cycle move: asks for exactly the inputs the state machine lists for it (reason / approver /
 * date, with their labels), then calls records.transition with the version the clerk is looking at.
 */
export function TransitionModal({
  record, transition, onClose, onDone,
}: {
  record: RecordDetail;
  transition: RecordTransition;
  onClose: () => void;
  onDone: (updated: RecordDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const { message } = AntApp.useApp();
  const { input } = transition;
  const missing = (transition.needsFields ?? []).filter((f) => {
    const v = record[f];
    return v === null || v === undefined || v === '';
  });
  const target = transition.to === 'previous' ? (record.previousStatus ? RECORD_STATUS_LABELS[record.previousStatus] : '原状态') : RECORD_STATUS_LABELS[transition.to];
  const noInputs = !input.reason && !input.approver && !input.date;

  const submit = async () => {
    let values: Values = {};
    if (!noInputs) {
      try {
        values = await form.validateFields();
      } catch {
        return; // antd shows the problems under the fields
      }
    }
    setBusy(true);
    try {
      const updated = await api.recordsTransition({
        id: record.id,
        expectedVersion: record.version,
        action: transition.action,
        reason: input.reason ? values.reason?.trim() : undefined,
        approver: input.approver ? values.approver?.trim() : undefined,
        date: input.date ? (toIso(values.date) ?? undefined) : undefined,
      });
      message.success(`已${transition.label}，记录状态：${RECORD_STATUS_LABELS[updated.status]}`);
      onDone(updated);
    } catch (error) {
      if (noInputs || !showFieldError(form, error)) message.error(errorMessage(error));
      if (error instanceof LedgerError && error.code === 'CONFLICT') onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={transition.label}
      okText={`确认${transition.label}`}
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: missing.length > 0 }}
      destroyOnHidden
    >
      <p className="transition-summary">
        记录将由“{RECORD_STATUS_LABELS[record.status]}”变为“{target}”。
        {transition.locks ? '认定后记录锁定，之后的修改只能以更正方式进行，并保留版本历史。' : ''}
      </p>
      {missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="gap-below"
          title={`“${transition.label}”前请先填写：${missing.map((f) => RECORD_FIELD_LABELS[f]).join('、')}`}
          description="请先点“编辑”补全认定文书信息。"
        />
      )}
      {!noInputs && (
        <Form<Values> form={form} name={`transition-${transition.action}`} layout="vertical" onFinish={submit}>
          {input.date && (
            <Form.Item
              label={input.date.label}
              name="date"
              rules={[
                { required: true, message: `请填写${input.date.label}` },
                {
                  validator: async (_r, v: Dayjs | null) => {
                    if (v && !input.date!.mayBeFuture && disableFuture(v)) throw new Error(`${input.date!.label}不能晚于今天`);
                  },
                },
              ]}
            >
              <DatePicker style={{ width: 200 }} disabledDate={input.date.mayBeFuture ? undefined : disableFuture} placeholder="YYYY-MM-DD" />
            </Form.Item>
          )}
          {input.approver && (
            <Form.Item label={input.approver.label} name="approver" rules={[requiredRule(input.approver.label), { max: 50, message: `${input.approver.label}不能超过 50 个字` }]}>
              <Input maxLength={50} style={{ width: 240 }} />
            </Form.Item>
          )}
          {input.reason && (
            <Form.Item label={input.reason.label} name="reason" rules={[requiredRule(input.reason.label), { max: 1000, message: `${input.reason.label}不能超过 1000 个字` }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount autoFocus />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
