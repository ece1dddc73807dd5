import { Form, Input, Modal, Radio, Select, App as AntApp } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ItemView, ProjectDetail } from '../../../../shared/contract/promises';
import { OPEN_PROMISE_STATUSES, RESOLUTION_DATE_LABELS, RESOLUTION_WAY_LABELS, type ResolutionWay } from '../../../../shared/domain/promises';
import { formatFen, parseYuanToFen } from '../../../../shared/validation/money';
import { api, LedgerError } from '../../api/client';
import { readFileAsBase64 } from '../../components/files';
import { toIso } from '../../components/dates';
import { DateInput, notFutureRule } from '../../components/form/DateInput';
import { errorMessage, requiredRule, showFieldError, yuanRule } from '../../components/formRules';

interface ModalBase {
  project: ProjectDetail;
  onClose(): void;
  onDone(project: ProjectDetail): void;
}

/** 登记兑现: date, amount, voucher number and the voucher file; a payment beyond the promise asks for confirmation first. */
export function PaymentModal({ project, item, onClose, onDone }: ModalBase & { item: ItemView }) {
  const [form] = Form.useForm<{ paidOn?: Dayjs | null; amount?: string; voucherNo?: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const { message, modal } = AntApp.useApp();
  const send = async (confirmedOver: boolean) => {
    const v = await form.validateFields();
    const amount = parseYuanToFen(v.amount ?? '');
    const voucher = file ? { fileName: file.name, contentBase64: await readFileAsBase64(file) } : undefined;
    return api.promisesPay({
      projectId: project.id, expectedVersion: project.version, itemId: item.id, paidOn: toIso(v.paidOn) ?? '', amountFen: amount.ok ? amount.value : 0,
      voucherNo: v.voucherNo ?? '', voucher, confirmedOver,
    });
  };
  const ok = async () => {
    setBusy(true);
    try {
      onDone(await send(false));
      message.success('已登记兑现');
    } catch (error) {
      if (error instanceof LedgerError && error.code === 'EXCEEDS_AMOUNT') {
        modal.confirm({
          title: '超过承诺金额',
          content: error.message,
          okText: '确认超额兑现',
          cancelText: '返回修改',
          onOk: async () => {
            onDone(await send(true));
            message.success('已登记兑现（超额已确认）');
          },
        });
      } else if (!showFieldError(form, error)) message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`登记兑现：第 ${item.position} 项 ${item.type}`} okText="保存" cancelText="取消" onOk={ok} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <p>承诺金额 {formatFen(item.amountFen)} 元，已兑现 {formatFen(item.paidFen)} 元，尚余 {formatFen(Math.max(0, item.amountFen - item.paidFen))} 元。</p>
      <Form form={form} name="payment" layout="vertical" onFinish={ok}>
        <Form.Item label="兑现日期" name="paidOn" rules={[{ required: true, message: '请填写兑现日期' }, notFutureRule('兑现日期')]}>
          <DateInput style={{ width: 200 }} autoFocus />
        </Form.Item>
        <Form.Item label="兑现金额（元）" name="amount" rules={[requiredRule('兑现金额'), yuanRule('兑现金额')]}>
          <Input suffix="元" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label="凭证号" name="voucherNo" rules={[requiredRule('凭证号')]}>
          <Input maxLength={60} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item label="凭证附件（可选）">
          <input type="file" aria-label="凭证附件" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 工作交接: every open item of the predecessor in this project moves to the successor, with a dated entry. */
export function HandoverModal({ project, onClose, onDone, users }: ModalBase & { users: Array<{ id: string; displayName: string }> }) {
  const holders = [...new Map(project.items.filter((i) => OPEN_PROMISE_STATUSES.includes(i.status)).map((i) => [i.responsibleUserId, i.responsibleName]))];
  const [form] = Form.useForm<{ fromUserId?: string; toUserId?: string; handedOn?: Dayjs | null; reason?: string; department?: string }>();
  const [busy, setBusy] = useState(false);
  const { message } = AntApp.useApp();
  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      onDone(await api.promisesHandover({
        projectId: project.id, expectedVersion: project.version, fromUserId: v.fromUserId ?? '', toUserId: v.toUserId ?? '',
        handedOn: toIso(v.handedOn) ?? '', reason: v.reason ?? '', department: v.department || null,
      }));
      message.success('已办理工作交接');
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="工作交接" okText="确认交接" cancelText="取消" onOk={ok} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <p>原责任人负责的本项目全部未办结事项，移交给接手责任人；交接记录保存在项目中。</p>
      <Form form={form} name="handover" layout="vertical" initialValues={{ fromUserId: holders[0]?.[0] }}>
        <Form.Item label="原责任人" name="fromUserId" rules={[{ required: true, message: '请选择原责任人' }]}>
          <Select options={holders.map(([id, name]) => ({ value: id, label: name }))} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label="接手责任人" name="toUserId" rules={[{ required: true, message: '请选择接手责任人' }]}>
          <Select options={users.map((u) => ({ value: u.id, label: u.displayName }))} showSearch optionFilterProp="label" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label="交接日期" name="handedOn" rules={[{ required: true, message: '请填写交接日期' }, notFutureRule('交接日期')]}>
          <DateInput style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label="交接原因" name="reason" rules={[requiredRule('交接原因'), { min: 2, message: '交接原因至少 2 个字' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
        <Form.Item label="新的责任部门（不变可不填）" name="department">
          <Input maxLength={50} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 兑现路径 (seed 002 §8) of an unpaid item: pay by a deadline, or a payment plan with a date. */
export function WayModal({ project, item, onClose, onDone }: ModalBase & { item: ItemView }) {
  const [form] = Form.useForm<{ way?: ResolutionWay | 'none'; date?: Dayjs | null }>();
  const { message } = AntApp.useApp();
  const way = Form.useWatch('way', form);
  const ok = async () => {
    const v = await form.validateFields();
    try {
      onDone(await api.promisesSetWay({
        projectId: project.id, expectedVersion: project.version, itemId: item.id, way: v.way === 'none' || !v.way ? null : v.way, date: v.way === 'none' ? null : toIso(v.date),
      }));
      message.success('已设定兑现路径');
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    }
  };
  return (
    <Modal open title={`兑现路径：第 ${item.position} 项`} okText="保存" cancelText="取消" onOk={ok} onCancel={onClose} destroyOnHidden>
      <Form form={form} name="way" layout="vertical" initialValues={{ way: item.way ?? 'none' }}>
        <Form.Item name="way" label="兑现路径">
          <Radio.Group
            options={[
              { value: 'payByDeadline', label: RESOLUTION_WAY_LABELS.payByDeadline },
              { value: 'paymentPlan', label: RESOLUTION_WAY_LABELS.paymentPlan },
              { value: 'none', label: '暂不设定' },
            ]}
          />
        </Form.Item>
        {way && way !== 'none' && (
          <Form.Item label={RESOLUTION_DATE_LABELS[way]} name="date" rules={[{ required: true, message: `请填写${RESOLUTION_DATE_LABELS[way]}` }]}>
            <DateInput style={{ width: 200 }} />
          </Form.Item>
        )}
        <p className="muted">有争议的事项请用“登记争议”（行政复议、行政诉讼、行政裁决）。</p>
      </Form>
    </Modal>
  );
}

/** 生成失信记录 from an overdue item: which 失信情形. */
export function ToRecordModal({ project, item, onClose, onDone }: ModalBase & { item: ItemView }) {
  const [situation, setSituation] = useState<'拖欠企业账款' | '新官不理旧账'>(project.handovers.length > 0 ? '新官不理旧账' : '拖欠企业账款');
  const { message } = AntApp.useApp();
  const ok = async () => {
    try {
      const { project: after, recordId } = await api.promisesToRecord({ projectId: project.id, expectedVersion: project.version, itemId: item.id, situation });
      onDone(after);
      message.success({ content: <span>已生成失信记录（线索核实中）：<a href={`#/records/${recordId}`}>查看</a></span> });
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <Modal open title="生成失信记录" okText="生成" cancelText="取消" onOk={ok} onCancel={onClose} destroyOnHidden>
      <p>由第 {item.position} 项（逾期未兑现，尚欠 {formatFen(item.amountFen - item.paidFen)} 元）生成一条领域为“招商引资”的政务失信记录，状态为“线索核实中”，两者互相关联。</p>
      <Radio.Group value={situation} onChange={(e) => setSituation(e.target.value)} options={[{ value: '拖欠企业账款', label: '拖欠企业账款' }, { value: '新官不理旧账', label: '新官不理旧账' }]} />
    </Modal>
  );
}
