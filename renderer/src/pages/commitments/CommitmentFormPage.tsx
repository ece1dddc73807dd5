import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Result, Row, Space, Spin, Typography, App as AntApp } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { useCallback, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { CommitmentDetail } from '../../../../shared/contract';
import { COMMITMENT_FIELD_LABELS as L, COMMITMENT_STATUS_LABELS } from '../../../../shared/domain/commitments';
import { COMMITMENT_MACHINE } from '../../../../shared/domain/commitmentLifecycle';
import { commitmentFieldsObject, type CommitmentFieldsInput } from '../../../../shared/domain/commitmentSchema';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useCan, useSession } from '../../app/session';
import { fromIso, toIso } from '../../components/dates';
import { DateInput, notFutureRule } from '../../components/form/DateInput';
import { DraftRestoredNotice } from '../../components/form/DraftRestoredNotice';
import { CorrectionNotice, CorrectionReason, FormActions } from '../../components/form/FormFooter';
import { KeySelect } from '../../components/form/KeySelect';
import { zodRules } from '../../components/form/zodRule';
import { errorMessage, requiredRule, showFieldError } from '../../components/formRules';
import { useDraftedForm } from '../../hooks/useDraftedForm';
import { useFormKeys } from '../../hooks/useFormKeys';
import { normalizeCodeInput, usccTypingRules } from '../records/recordUi';
import { COMMITMENT_TYPE_OPTIONS, CommitmentStatusTag, PUBLISH_CHANNEL_OPTIONS, SERVICE_AREA_OPTIONS } from './commitmentUi';

type Text = string | undefined;
/** The form's own values: dates as Dayjs. */
interface FormValues {
  unitName?: Text; unitUscc?: Text; number?: Text; title?: Text; content?: Text;
  commitmentType?: Text; serviceArea?: Text; target?: Text; department?: Text; responsiblePerson?: Text; publishChannel?: Text;
  publishedOn?: Dayjs | null; dueOn?: Dayjs | null; reason?: Text;
}

type Stored = Omit<FormValues, 'publishedOn' | 'dueOn'> & { publishedOn?: string | null; dueOn?: string | null };
const toStored = (v: FormValues): Stored => ({ ...v, publishedOn: toIso(v.publishedOn), dueOn: toIso(v.dueOn) });
const fromStored = (d: Stored): FormValues => ({ ...d, publishedOn: fromIso(d.publishedOn), dueOn: fromIso(d.dueOn) });

function valuesOf(c: CommitmentDetail): FormValues {
  return { ...c, target: c.target ?? undefined, publishedOn: fromIso(c.publishedOn), dueOn: fromIso(c.dueOn) };
}

const trim = (v: Text) => (v ?? '').trim();
function fieldsOf(v: FormValues): CommitmentFieldsInput {
  return {
    unitName: trim(v.unitName), unitUscc: trim(v.unitUscc), number: trim(v.number), title: trim(v.title), content: trim(v.content),
    commitmentType: v.commitmentType as CommitmentFieldsInput['commitmentType'], serviceArea: v.serviceArea as CommitmentFieldsInput['serviceArea'],
    target: trim(v.target) || null, department: trim(v.department), responsiblePerson: trim(v.responsiblePerson),
    publishChannel: v.publishChannel as CommitmentFieldsInput['publishChannel'], publishedOn: toIso(v.publishedOn) ?? '', dueOn: toIso(v.dueOn) ?? '',
  };
}

/** Lengths from the schema the service checks with. */
const RULES = zodRules(commitmentFieldsObject);
const need = (field: keyof typeof L): Rule[] => [requiredRule(L[field]), RULES[field]];
const choose = (field: keyof typeof L): Rule[] => [{ required: true, message: `请选择${L[field]}` }];

/** New commitment (no id), or edit of one 待确认, or correction of a confirmed or closed one. */
export function CommitmentFormPage({ id }: { id?: string }) {
  const draftKey = id ? `commitment:${id}` : 'commitment:new';
  const [form] = Form.useForm<FormValues>();
  const { message } = AntApp.useApp();
  const officeName = useSession().status.officeName ?? undefined;
  const canCorrect = useCan('commitments.correct');
  const [saving, setSaving] = useState(false);
  const formRoot = useRef<HTMLDivElement>(null);
  const { entity: commitment, loading, loadError, restored, draft, keepDraft, discardDraft } = useDraftedForm<FormValues, Stored, CommitmentDetail>({
    form,
    resume: { key: draftKey, path: id ? `/commitments/${id}/edit` : '/commitments/new', title: id ? '修改公开承诺' : '新建公开承诺' },
    load: async () => (id ? (await api.commitmentsGet({ id })).commitment : null),
    blank: { unitName: officeName },
    valuesOf,
    toStored,
    fromStored,
  });
  const correcting = commitment !== null && (commitment.locked || !COMMITMENT_MACHINE.editableInPlace.includes(commitment.status));

  const save = async (values: FormValues) => {
    setSaving(true);
    try {
      await draft.stop();
      const fields = fieldsOf(values);
      const saved = commitment
        ? await api.commitmentsUpdate({ id: commitment.id, expectedVersion: commitment.version, fields, reason: correcting ? values.reason?.trim() : undefined, draftKey })
        : await api.commitmentsCreate({ fields, draftKey });
      draft.saved();
      const overdue = saved.status === 'overdue' && commitment?.status !== 'overdue' ? '（承诺期限已过，已标记为逾期未兑现）' : '';
      message.success(`${commitment ? (correcting ? `已更正，生成第 ${saved.version} 版` : '已保存修改') : '已新建承诺'}${overdue}`);
      navigate(`/commitments/${saved.id}`);
    } catch (error) {
      keepDraft();
      setSaving(false);
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    }
  };

  const back = useCallback(() => navigate(commitment ? `/commitments/${commitment.id}` : '/commitments'), [commitment]);
  useFormKeys(formRoot, !loading, { save: () => !saving && form.submit(), cancel: back });
  const noImplicitSubmit = (e: ReactKeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
  };

  if (loadError) return <Result status="error" title="无法打开该承诺" subTitle={loadError} extra={<Button onClick={() => navigate('/commitments')}>返回列表</Button>} />;
  if (correcting && !canCorrect) {
    return <Result status="warning" title="该承诺已审核确认" subTitle="已确认或已办结的承诺只能由审核员或管理员更正，请联系审核员。" extra={<Button onClick={back}>返回承诺</Button>} />;
  }
  const title = !id ? '新建公开承诺' : correcting ? '更正公开承诺' : '修改公开承诺';

  return (
    <div className="page commitment-form-page" ref={formRoot}>
      <div className="page-head">
        <Space align="center">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label="返回" />
          <Typography.Title level={4}>{title}</Typography.Title>
          {commitment && <CommitmentStatusTag status={commitment.status} />}
          {commitment && <Typography.Text type="secondary">第 {commitment.version} 版</Typography.Text>}
        </Space>
      </div>
      <Spin spinning={loading}>
        {restored && <DraftRestoredNotice savedAt={restored.savedAt} stale={restored.stale} onDiscard={discardDraft} />}
        {correcting && commitment && (
          <CorrectionNotice subject={`该承诺${commitment.locked ? '已审核确认' : `处于“${COMMITMENT_STATUS_LABELS[commitment.status]}”状态`}`} version={commitment.version} />
        )}
        <Form<FormValues>
          form={form}
          name="commitment"
          layout="vertical"
          className="commitment-form"
          onValuesChange={keepDraft}
          onKeyDown={noImplicitSubmit}
          onFinish={save}
          scrollToFirstError={{ block: 'center' }}
          requiredMark
          disabled={loading}
        >
          <Card size="small" title="承诺单位与事项" className="form-section">
            <Row gutter={16}>
              <Col span={9}>
                <Form.Item label={L.unitName} name="unitName" rules={need('unitName')}><Input maxLength={100} /></Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label={L.unitUscc} name="unitUscc" normalize={normalizeCodeInput} validateTrigger={['onChange', 'onBlur']} rules={[requiredRule(L.unitUscc), ...usccTypingRules()]}>
                  <Input maxLength={18} autoComplete="off" className="code-input" placeholder="18 位，含校验位" />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item label={L.number} name="number" rules={need('number')} extra="同一单位的承诺编号不能重复"><Input maxLength={60} placeholder="如：CN-2024-001" /></Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label={L.title} name="title" rules={need('title')}><Input maxLength={100} placeholder="如：居民养老服务补贴限时办结" /></Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={L.commitmentType} name="commitmentType" rules={choose('commitmentType')}><KeySelect options={COMMITMENT_TYPE_OPTIONS} /></Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={L.serviceArea} name="serviceArea" rules={choose('serviceArea')}><KeySelect options={SERVICE_AREA_OPTIONS} /></Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item label={L.content} name="content" rules={[...need('content'), { min: 5, message: `${L.content}至少 5 个字` }]}>
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount placeholder="向群众公开承诺的具体内容" />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item label={L.target} name="target" rules={[RULES.target]} extra="可衡量的目标：办结时限、覆盖率、满意度等">
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={500} placeholder="如：按期办结率 100%" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card size="small" title="责任与公开" className="form-section">
            <Row gutter={16}>
              <Col span={5}>
                <Form.Item label={L.department} name="department" rules={need('department')}><Input maxLength={50} placeholder="如：社会事务办" /></Form.Item>
              </Col>
              <Col span={4}>
                <Form.Item label={L.responsiblePerson} name="responsiblePerson" rules={need('responsiblePerson')}><Input maxLength={50} /></Form.Item>
              </Col>
              <Col span={5}>
                <Form.Item label={L.publishChannel} name="publishChannel" rules={choose('publishChannel')}><KeySelect options={PUBLISH_CHANNEL_OPTIONS} /></Form.Item>
              </Col>
              <Col span={5}>
                <Form.Item label={L.publishedOn} name="publishedOn" rules={[{ required: true, message: `请填写${L.publishedOn}` }, notFutureRule(L.publishedOn)]}>
                  <DateInput style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={5}>
                <Form.Item
                  label={L.dueOn}
                  name="dueOn"
                  dependencies={['publishedOn']}
                  rules={[
                    { required: true, message: `请填写${L.dueOn}` },
                    ({ getFieldValue }) => ({
                      validator: async (_r, v: Dayjs | null) => {
                        const published = getFieldValue('publishedOn') as Dayjs | null;
                        if (v && published && v.isBefore(published, 'day')) throw new Error(`${L.dueOn}不能早于${L.publishedOn}`);
                      },
                    }),
                  ]}
                >
                  <DateInput style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          {correcting && <CorrectionReason />}
          <FormActions saving={saving} correcting={correcting} draft={draft} onCancel={back} />
        </Form>
      </Spin>
    </div>
  );
}
