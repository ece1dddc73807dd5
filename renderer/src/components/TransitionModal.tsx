import { Alert, Form, Input, Modal, Select, App as AntApp } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import type { TransitionInput } from '../../../shared/domain/recordLifecycle';
import { LedgerError } from '../api/client';
import { toIso } from './dates';
import { DateInput, notFutureRule } from './form/DateInput';
import { errorMessage, requiredRule, showFieldError, yuanRule } from './formRules';
import { parseYuanToFen } from '../../../shared/validation/money';

export interface TransitionValues {
  reason?: string;
  approver?: string;
  /** YYYY-MM-DD */
  date?: string;
  /** An amount typed in 元, as integer fen. */
  amountFen?: number;
  choice?: string;
  reference?: string;
}

export interface TransitionModalProps {
  /** The move's name: the title, and the button says 确认 + label. */
  label: string;
  /** What will happen, in a sentence or two. */
  summary: ReactNode;
  /** What the status machine asks for (reason / approver / date, with their labels). */
  input: TransitionInput;
  /** Labels of fields the entity must have before this move; the button stays off while any is missing. */
  missing: string[];
  missingHint?: string;
  /** Make the move; resolves with the success message. */
  submit(values: TransitionValues): Promise<string>;
  onClose(): void;
  onDone(): void;
}

/**
 * One life-cycle move of any ledger's status machine: asks for exactly the inputs the machine lists (with
 * their labels and rules), then makes the move; a conflict (someone else changed the entity) closes it.
 */
const amountOf = (text: string | undefined) => {
  const parsed = parseYuanToFen(text ?? '');
  return parsed.ok ? parsed.value : undefined;
};

export function TransitionModal({ label, summary, input, missing, missingHint, submit, onClose, onDone }: TransitionModalProps) {
  type Values = { reason?: string; approver?: string; date?: Dayjs | null; amountFen?: string; choice?: string; reference?: string };
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const { message } = AntApp.useApp();
  const noInputs = !input.reason && !input.approver && !input.date && !input.amount && !input.choice && !input.reference;
  const referenceMax = input.reference?.max ?? 500;

  const ok = async () => {
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
      message.success(
        await submit({
          reason: input.reason ? values.reason?.trim() : undefined,
          approver: input.approver ? values.approver?.trim() : undefined,
          date: input.date ? (toIso(values.date) ?? undefined) : undefined,
          amountFen: input.amount ? amountOf(values.amountFen) : undefined,
          choice: input.choice ? values.choice : undefined,
          reference: input.reference ? values.reference?.trim() : undefined,
        }),
      );
      onDone();
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
      title={label}
      okText={`确认${label}`}
      cancelText="取消"
      onOk={ok}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: missing.length > 0 }}
      destroyOnHidden
    >
      <p className="transition-summary">{summary}</p>
      {missing.length > 0 && (
        <Alert type="error" showIcon className="gap-below" title={`“${label}”前请先填写：${missing.join('、')}`} description={missingHint} />
      )}
      {!noInputs && (
        <Form form={form} name="transition" layout="vertical" onFinish={ok}>
          {input.date && (
            <Form.Item
              label={input.date.label}
              name="date"
              rules={[{ required: true, message: `请填写${input.date.label}` }, ...(input.date.mayBeFuture ? [] : [notFutureRule(input.date.label)])]}
            >
              <DateInput style={{ width: 200 }} />
            </Form.Item>
          )}
          {input.choice && (
            <Form.Item label={input.choice.label} name="choice" rules={[{ required: true, message: `请选择${input.choice.label}` }]}>
              <Select style={{ width: 200 }} options={input.choice.options.map((o) => ({ value: o, label: o }))} />
            </Form.Item>
          )}
          {input.reference && (
            <Form.Item label={input.reference.label} name="reference" rules={[requiredRule(input.reference.label), { max: referenceMax, message: `${input.reference.label}不能超过 ${referenceMax} 个字` }]}>
              {referenceMax <= 60 ? <Input maxLength={referenceMax} style={{ width: 280 }} /> : <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={referenceMax} />}
            </Form.Item>
          )}
          {input.amount && (
            <Form.Item label={input.amount.label} name="amountFen" rules={[requiredRule(input.amount.label), yuanRule(input.amount.label)]}>
              <Input style={{ width: 200 }} suffix="元" />
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
