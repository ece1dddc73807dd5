import { Col, Form, Input, Card, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { NoticeDetail } from '../../../../shared/contract';
import { NOTICE_FIELD_LABELS as L, NOTICE_SOURCE_LABELS, NOTICE_STATUS_LABELS } from '../../../../shared/domain/notices';
import { formatFen, parseOptionalYuanToFen } from '../../../../shared/validation/money';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { fromIso, toIso } from '../../components/dates';
import { CODE_TYPING, usccTypingRules } from '../../components/form/codeRules';
import { DateInput } from '../../components/form/DateInput';
import { LedgerFormFrame, type FrameCorrection } from '../../components/form/LedgerFormFrame';
import { UnitNameInput, useUnitDirectoryFill } from '../../components/form/UnitNameInput';
import { yuanRule } from '../../components/formRules';
import { useLedgerForm } from '../../hooks/useLedgerForm';
import { NoticeStatusTag } from './noticeUi';

type Text = string | undefined;
/** The form's own values: the deadline as Dayjs, the amount as the 元 text typed. */
interface Values {
  title?: Text; addressee?: Text; addresseeUscc?: Text; facts?: Text; amountFen?: Text; basis?: string[]; requirements?: Text;
  deadline?: Dayjs | null; replyMethod?: Text; issuingOffice?: Text; cc?: Text;
}
type Stored = Omit<Values, 'deadline'> & { deadline?: string | null };
const toStored = (v: Values): Stored => ({ ...v, deadline: toIso(v.deadline) });
const fromStored = (d: Stored): Values => ({ ...d, deadline: fromIso(d.deadline) });

const valuesOf = (n: NoticeDetail): Values => ({
  title: n.title, addressee: n.addressee, addresseeUscc: n.addresseeUscc ?? '', facts: n.facts,
  amountFen: n.amountFen === null ? '' : formatFen(n.amountFen).replace(/,/g, ''), basis: n.basis, requirements: n.requirements,
  deadline: fromIso(n.deadline), replyMethod: n.replyMethod, issuingOffice: n.issuingOffice, cc: n.cc,
});

const text = (v: Text) => (v ?? '').trim();
function fieldsOf(v: Values) {
  const amount = parseOptionalYuanToFen(v.amountFen);
  return {
    title: text(v.title), addressee: text(v.addressee), addresseeUscc: text(v.addresseeUscc) || null, facts: text(v.facts),
    amountFen: amount.ok ? amount.value : null, basis: v.basis ?? [], requirements: text(v.requirements), deadline: toIso(v.deadline),
    replyMethod: text(v.replyMethod), issuingOffice: text(v.issuingOffice), cc: text(v.cc),
  };
}

const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];

/** Editing a draft notice: facts and addressee as the source gave them, the basis from the administrator's list. */
export function NoticeFormPage({ id }: { id: string }) {
  const [form] = Form.useForm<Values>();
  const [basisOptions, setBasisOptions] = useState<string[]>([]);
  const draftKey = `notice:${id}`;
  const state = useLedgerForm<Values, Stored, NoticeDetail>({
    form,
    resume: { key: draftKey, path: `/notices/${id}/edit`, title: '编辑整改通知书' },
    load: async () => {
      const [{ notice }, settings] = await Promise.all([api.noticesGet({ id }), api.noticesSettingsGet({})]);
      setBasisOptions([...new Set([...settings.basis, ...notice.basis])]);
      return notice;
    },
    blank: {},
    valuesOf,
    toStored,
    fromStored,
  });
  const { entity: notice, keepDraft, submit } = state;
  const fillAddresseeCode = useUnitDirectoryFill(form, { name: 'addressee', code: 'addresseeUscc' }, keepDraft);
  const back = () => navigate(`/notices/${id}`);
  // Only a draft is edited: an issued notice carries its number and its printed text, and is never corrected.
  const notDraft: FrameCorrection | null = notice && notice.status !== 'draft'
    ? {
        subject: '', version: notice.version, allowed: false,
        locked: { title: `该通知书${NOTICE_STATUS_LABELS[notice.status]}，不能再修改`, text: notice.status === 'void' ? '已作废的通知书保留原样备查。' : '已签发的通知书的文号和内容以印发的文本为准。如需更改，请作废后重新起草。', back: '返回通知书' },
      }
    : null;

  const save = (values: Values) => {
    if (!notice) return;
    void submit(
      (key) => api.noticesUpdate({ id, expectedVersion: notice.version, fields: fieldsOf(values), draftKey: key }),
      (saved) => ({ message: '通知书已保存', path: `/notices/${saved.id}` }),
    );
  };

  return (
    <LedgerFormFrame<Values>
      form={form}
      name="notice"
      title="编辑整改通知书（草稿）"
      tags={notice && <><NoticeStatusTag status={notice.status} /><Typography.Text type="secondary">来源：{NOTICE_SOURCE_LABELS[notice.sourceKind]}</Typography.Text></>}
      version={notice?.version}
      state={state}
      loadFailure={{ what: '该通知书', listPath: '/notices' }}
      correction={notDraft}
      onFinish={save}
      back={back}
    >
      <Card size="small" title="主送与事实" className="form-section">
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item label={L.addressee} name="addressee" rules={required(L.addressee)}>
              <UnitNameInput maxLength={100} onPick={fillAddresseeCode} />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item label={L.addresseeUscc} name="addresseeUscc" {...CODE_TYPING} rules={usccTypingRules()}>
              <Input maxLength={18} autoComplete="off" className="code-input" placeholder="选填，18 位" />
            </Form.Item>
          </Col>
          <Col span={7}><Form.Item label={L.title} name="title"><Input maxLength={60} /></Form.Item></Col>
        </Row>
        <Form.Item label={L.facts} name="facts" rules={required(L.facts)} extra="印在“主送单位：”之下的第一段，通常以“经查，”开头">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={3000} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col span={6}><Form.Item label={L.amountFen} name="amountFen" rules={[yuanRule(L.amountFen)]}><Input placeholder="可不填" suffix="元" autoComplete="off" /></Form.Item></Col>
          <Col span={6}><Form.Item label={L.deadline} name="deadline" rules={[{ required: true, message: `请填写${L.deadline}` }]}><DateInput style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={12}><Form.Item label={L.issuingOffice} name="issuingOffice" rules={required(L.issuingOffice)}><Input maxLength={100} /></Form.Item></Col>
        </Row>
      </Card>
      <Card size="small" title="依据与要求" className="form-section">
        <Form.Item label={L.basis} name="basis" extra="从管理员维护的政策依据中选择，也可输入本次适用的文件">
          <Select mode="tags" options={basisOptions.map((b) => ({ value: b, label: b }))} placeholder="选择政策依据" />
        </Form.Item>
        <Form.Item label={L.requirements} name="requirements" rules={required(L.requirements)} extra="每行一条，各成一段">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={3000} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}><Form.Item label={L.replyMethod} name="replyMethod" rules={required(L.replyMethod)}><Input maxLength={300} /></Form.Item></Col>
          <Col span={12}><Form.Item label={L.cc} name="cc"><Input maxLength={300} placeholder="如：区发展和改革委员会，区纪委监委" /></Form.Item></Col>
        </Row>
      </Card>
    </LedgerFormFrame>
  );
}
