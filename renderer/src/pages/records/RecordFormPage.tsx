import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Radio, Result, Row, Space, Spin, Typography, App as AntApp } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { RecordDetail } from '../../../../shared/contract';
import type { DirectoryUnit } from '../../../../shared/contract/directory';
import { ERROR_CODES } from '../../../../shared/contract/errors';
import {
  FIELDS_REQUIRED_FOR_APPROVAL, RECORD_FIELD_LABELS as L, RECORD_STATUS_LABELS, type ClueSource, type Sector, type Severity,
  type Situation, type SubjectType,
} from '../../../../shared/domain/dishonesty';
import { EDITABLE_IN_PLACE } from '../../../../shared/domain/recordLifecycle';
import { recordFieldsObject, type RecordFieldsInput } from '../../../../shared/domain/recordSchema';
import { validateIdNumber } from '../../../../shared/validation/idcard';
import { formatFen, parseOptionalYuanToFen } from '../../../../shared/validation/money';
import { validateUscc } from '../../../../shared/validation/uscc';
import { api, LedgerError } from '../../api/client';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session';
import { fromIso, toIso } from '../../components/dates';
import { DateInput, notFutureRule } from '../../components/form/DateInput';
import { DraftRestoredNotice } from '../../components/form/DraftRestoredNotice';
import { CorrectionNotice, CorrectionReason, FormActions } from '../../components/form/FormFooter';
import { confirmDuplicate, DuplicateWarning, type DuplicateLink } from '../../components/form/DuplicateWarning';
import { KeySelect } from '../../components/form/KeySelect';
import { UnitNameInput, useDirectoryUnits } from '../../components/form/UnitNameInput';
import { zodRules } from '../../components/form/zodRule';
import { errorMessage, requiredRule, showFieldError, yuanRule } from '../../components/formRules';
import { useDuplicateCheck } from '../../hooks/useDuplicateCheck';
import { useDraftedForm } from '../../hooks/useDraftedForm';
import { useFormKeys } from '../../hooks/useFormKeys';
import { useCityChoices } from '../../hooks/useCityChoices';
import {
  CLUE_SOURCE_OPTIONS, idNumberTypingRules, normalizeCodeInput, SECTOR_OPTIONS, SEVERITY_OPTIONS, SITUATION_OPTIONS, StatusTag, SUBJECT_TYPE_OPTIONS,
  usccTypingRules,
} from './recordUi';

/** The form's own values: dates as Dayjs, the amount as the 元 text the clerk typed (under the field name amountFen). */
interface FormValues {
  subjectType: SubjectType;
  unitName?: string;
  unitUscc?: string;
  personName?: string;
  personIdNumber?: string;
  personPosition?: string;
  situation?: Situation;
  sector?: Sector;
  clueSource?: ClueSource;
  facts?: string;
  docName?: string;
  docNumber?: string;
  recognisedOn?: Dayjs | null;
  docAuthority?: string;
  amountFen?: string;
  happenedOn?: Dayjs | null;
  severity?: Severity;
  reason?: string;
}

/** What a draft stores: the values with dates as text. */
type Stored = Omit<FormValues, 'recognisedOn' | 'happenedOn'> & { recognisedOn?: string | null; happenedOn?: string | null };

const NEW_RECORD: FormValues = { subjectType: 'unit' };

const toStored = (v: FormValues): Stored => ({ ...v, recognisedOn: toIso(v.recognisedOn), happenedOn: toIso(v.happenedOn) });
const fromStored = (d: Stored): FormValues => ({ ...NEW_RECORD, ...d, recognisedOn: fromIso(d.recognisedOn), happenedOn: fromIso(d.happenedOn) });

function valuesOf(r: RecordDetail): FormValues {
  return {
    subjectType: r.subjectType,
    unitName: r.unitName,
    unitUscc: r.unitUscc ?? undefined,
    personName: r.personName ?? undefined,
    personIdNumber: r.personIdNumber ?? undefined,
    personPosition: r.personPosition ?? undefined,
    situation: r.situation,
    sector: r.sector,
    clueSource: r.clueSource,
    facts: r.facts,
    docName: r.docName ?? undefined,
    docNumber: r.docNumber ?? undefined,
    recognisedOn: fromIso(r.recognisedOn),
    docAuthority: r.docAuthority ?? undefined,
    amountFen: r.amountFen === null ? undefined : formatFen(r.amountFen).replace(/,/g, ''),
    happenedOn: fromIso(r.happenedOn),
    severity: r.severity,
  };
}

const blankToNull = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

function fieldsOf(v: FormValues): RecordFieldsInput {
  const amount = parseOptionalYuanToFen(v.amountFen);
  const person = v.subjectType === 'person';
  return {
    subjectType: v.subjectType,
    unitName: (v.unitName ?? '').trim(),
    unitUscc: blankToNull(v.unitUscc),
    personName: person ? blankToNull(v.personName) : null,
    personIdNumber: person ? blankToNull(v.personIdNumber) : null,
    personPosition: person ? blankToNull(v.personPosition) : null,
    situation: v.situation!,
    sector: v.sector!,
    clueSource: v.clueSource!,
    facts: (v.facts ?? '').trim(),
    docName: blankToNull(v.docName),
    docNumber: blankToNull(v.docNumber),
    recognisedOn: toIso(v.recognisedOn),
    docAuthority: blankToNull(v.docAuthority),
    amountFen: amount.ok ? amount.value : null,
    happenedOn: toIso(v.happenedOn) ?? '',
    severity: v.severity!,
  };
}

const maxRule = (label: string, max: number): Rule => ({ max, message: `${label}不能超过 ${max} 个字` });
/** Lengths and the like, from the schema the service checks with. */
const RULES = zodRules(recordFieldsObject);
const selectRule = (label: string): Rule => ({ required: true, message: `请选择${label}` });

/** The values a duplicate is judged by (subject code + 认定文书编号), as text; null while incomplete. */
function duplicateQuery(type: SubjectType, unitUscc: string | undefined, personIdNumber: string | undefined, docNumber: string | undefined): string | null {
  const code = (type === 'unit' ? unitUscc : personIdNumber) ?? '';
  const doc = (docNumber ?? '').trim();
  const codeOk = type === 'unit' ? validateUscc(code).ok : validateIdNumber(code).ok;
  return doc && codeOk ? JSON.stringify([type, code, doc]) : null;
}

async function findDuplicates(query: string, excludeId: string | undefined): Promise<DuplicateLink[]> {
  const [type, code, doc] = JSON.parse(query) as [SubjectType, string, string];
  const found = await api.recordsFindDuplicates({ subjectType: type, unitUscc: type === 'unit' ? code : null, personIdNumber: type === 'person' ? code : null, docNumber: doc, excludeId });
  return found.map((d, i) => ({
    id: d.id ?? `hidden-${i}`,
    href: d.id ? `#/records/${d.id}` : null,
    text: `${d.subjectName} · ${d.docNumber}`,
    statusLabel: RECORD_STATUS_LABELS[d.status],
  }));
}

const DUPLICATE_TITLE = '该主体已有相同认定文书编号的记录';
/** The service's message names the record it found; the form's own check counts the ones it found. */
const askDuplicate = (modal: Parameters<typeof confirmDuplicate>[0], found: DuplicateLink[], message: string) =>
  confirmDuplicate(modal, DUPLICATE_TITLE, found, message);

/** New record (no id) or edit / correction of an existing one. */
export function RecordFormPage({ id }: { id?: string }) {
  const draftKey = id ? `record:${id}` : 'record:new';
  const [form] = Form.useForm<FormValues>();
  const { message, modal } = AntApp.useApp();
  const canCorrect = useCan('records.correct');
  const [saving, setSaving] = useState(false);
  const formRoot = useRef<HTMLDivElement>(null);
  const { entity: record, loading, loadError, restored, draft, keepDraft, discardDraft } = useDraftedForm<FormValues, Stored, RecordDetail>({
    form,
    resume: { key: draftKey, path: id ? `/records/${id}/edit` : '/records/new', title: id ? '修改失信记录' : '新建失信记录' },
    load: async () => (id ? (await api.recordsGet({ id })).record : null),
    blank: NEW_RECORD,
    valuesOf,
    toStored,
    fromStored,
  });

  const subjectType = Form.useWatch('subjectType', form) ?? 'unit';
  const person = subjectType === 'person';
  const correcting = record !== null && (record.locked || !EDITABLE_IN_PLACE.includes(record.status));
  const identityHidden = record !== null && !record.identityVisible && person && record.subjectType === 'person';

  // The city's code lists beside the built-in vocabularies (the choice shows the city's code).
  const cityChoices = {
    situation: useCityChoices(L.situation, SITUATION_OPTIONS),
    sector: useCityChoices(L.sector, SECTOR_OPTIONS),
    clueSource: useCityChoices(L.clueSource, CLUE_SOURCE_OPTIONS),
    severity: useCityChoices(L.severity, SEVERITY_OPTIONS),
  };

  // The city's directory of units fills the code from a chosen name, and the name from a typed code.
  const fillUnitCode = useCallback((unit: DirectoryUnit) => {
    form.setFieldsValue({ unitName: unit.name, unitUscc: unit.uscc });
    void form.validateFields(['unitUscc']).catch(() => undefined);
    keepDraft();
  }, [form, keepDraft]);
  const typedCode = Form.useWatch('unitUscc', form);
  const unitOfCode = useDirectoryUnits(typedCode?.length === 18 ? typedCode : undefined, 18).find((u) => u.uscc === typedCode);
  useEffect(() => {
    if (unitOfCode && !(form.getFieldValue('unitName') ?? '').trim()) {
      form.setFieldValue('unitName', unitOfCode.name);
      keepDraft();
    }
  }, [unitOfCode, form, keepDraft]);

  // Possible duplicates: same subject code and same 认定文书编号, looked up as the clerk types and again on save.
  const dupQuery = duplicateQuery(subjectType, Form.useWatch('unitUscc', form), Form.useWatch('personIdNumber', form), Form.useWatch('docNumber', form));
  const find = useCallback((query: string) => findDuplicates(query, id), [id]);
  const duplicates = useDuplicateCheck<DuplicateLink>(dupQuery, find);

  /** Save once; a duplicate the service refused comes back as its message, for the clerk to confirm. */
  const write = useCallback(
    async (values: FormValues, confirmedDuplicate: boolean): Promise<{ duplicate: string } | null> => {
      setSaving(true);
      try {
        await draft.stop();
        const fields = fieldsOf(values);
        const confirmed = confirmedDuplicate || undefined;
        const saved = record
          ? await api.recordsUpdate({ id: record.id, expectedVersion: record.version, fields, reason: correcting ? values.reason?.trim() : undefined, draftKey, confirmedDuplicate: confirmed })
          : await api.recordsCreate({ fields, draftKey, confirmedDuplicate: confirmed });
        draft.saved();
        message.success(record ? (correcting ? `已更正，生成第 ${saved.version} 版` : '已保存修改') : '已新建记录');
        navigate(`/records/${saved.id}`);
        return null;
      } catch (error) {
        // Keep saving the draft: nothing the clerk typed is lost when the save fails.
        keepDraft();
        setSaving(false);
        if (error instanceof LedgerError && error.code === ERROR_CODES.duplicate && !confirmedDuplicate) return { duplicate: error.message };
        if (!showFieldError(form, error)) message.error(errorMessage(error));
        return null;
      }
    },
    [correcting, draft, draftKey, form, keepDraft, message, record],
  );

  const save = useCallback(
    async (values: FormValues) => {
      // Looked up for exactly the values being saved: the watched values may not have caught up with a quick Ctrl+S.
      const query = duplicateQuery(values.subjectType, values.unitUscc, values.personIdNumber, values.docNumber);
      const lookUp = () => (query ? find(query).catch((): DuplicateLink[] => []) : Promise.resolve([]));
      const found = await lookUp();
      if (found.length > 0 && !(await askDuplicate(modal, found, `已有 ${found.length} 条记录使用认定文书编号“${(values.docNumber ?? '').trim()}”。`))) return;
      const refused = await write(values, found.length > 0);
      // The service found a duplicate the form had not seen (another clerk saved it meanwhile): show it, then confirm.
      if (refused && (await askDuplicate(modal, await lookUp(), refused.duplicate))) await write(values, true);
    },
    [find, modal, write],
  );

  const back = useCallback(() => navigate(record ? `/records/${record.id}` : '/records'), [record]);
  useFormKeys(formRoot, !loading, { save: () => !saving && form.submit(), cancel: back });

  // Enter confirms a date or a choice, it never saves a half-checked form: saving is the button or Ctrl+S.
  const noImplicitSubmit = (e: ReactKeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
  };

  const title = !id ? '新建失信记录' : correcting ? '更正失信记录' : '修改失信记录';
  const approvalHint = useMemo(() => FIELDS_REQUIRED_FOR_APPROVAL.map((f) => L[f]).join('、'), []);

  if (loadError) return <Result status="error" title="无法打开该记录" subTitle={loadError} extra={<Button onClick={() => navigate('/records')}>返回列表</Button>} />;
  if (correcting && !canCorrect) {
    return (
      <Result
        status="warning"
        title="该记录已审核锁定"
        subTitle="已锁定的记录只能由审核员或管理员更正，请联系审核员。"
        extra={<Button onClick={back}>返回记录</Button>}
      />
    );
  }

  return (
    <div className="page record-form-page" ref={formRoot}>
      <div className="page-head">
        <Space align="center">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label="返回" />
          <Typography.Title level={4}>{title}</Typography.Title>
          {record && <StatusTag status={record.status} />}
          {record && <Typography.Text type="secondary">第 {record.version} 版</Typography.Text>}
        </Space>
      </div>
      <Spin spinning={loading}>
        {restored && <DraftRestoredNotice savedAt={restored.savedAt} stale={restored.stale} onDiscard={discardDraft} />}
        {correcting && record && (
          <CorrectionNotice subject={`该记录${record.locked ? '已审核锁定' : `处于“${RECORD_STATUS_LABELS[record.status]}”状态`}`} version={record.version} />
        )}
        <Form<FormValues>
          form={form}
          name="record"
          layout="vertical"
          className="record-form"
          onValuesChange={keepDraft}
          onKeyDown={noImplicitSubmit}
          onFinish={save}
          scrollToFirstError={{ block: 'center' }}
          requiredMark
          disabled={loading}
        >
          <Card size="small" title="失信主体" className="form-section">
            <Form.Item label={L.subjectType} name="subjectType" rules={[selectRule(L.subjectType)]}>
              <Radio.Group options={SUBJECT_TYPE_OPTIONS} optionType="button" disabled={identityHidden} />
            </Form.Item>
            {person ? (
              <Row gutter={16}>
                <Col span={8}>
                  <Form.Item label={L.personName} name="personName" rules={[requiredRule(L.personName), RULES.personName]}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  {identityHidden ? (
                    <Form.Item label={L.personIdNumber} name="personIdNumber" extra="身份证号已隐藏，保存时保留原号码">
                      <Input disabled />
                    </Form.Item>
                  ) : (
                    <Form.Item
                      label={L.personIdNumber}
                      name="personIdNumber"
                      normalize={normalizeCodeInput}
                      validateTrigger={['onChange', 'onBlur']}
                      rules={[requiredRule(L.personIdNumber), ...idNumberTypingRules()]}
                    >
                      <Input maxLength={18} autoComplete="off" className="code-input" />
                    </Form.Item>
                  )}
                </Col>
                <Col span={8}>
                  <Form.Item label={L.personPosition} name="personPosition" rules={[RULES.personPosition]}>
                    <Input maxLength={50} placeholder="如：副主任" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item label="所在单位名称" name="unitName" rules={[requiredRule('所在单位名称'), maxRule('所在单位名称', 100)]}>
                    <UnitNameInput maxLength={100} onPick={fillUnitCode} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    label="所在单位统一社会信用代码"
                    name="unitUscc"
                    normalize={normalizeCodeInput}
                    validateTrigger={['onChange', 'onBlur']}
                    rules={usccTypingRules()}
                  >
                    <Input maxLength={18} autoComplete="off" className="code-input" placeholder="选填" />
                  </Form.Item>
                </Col>
              </Row>
            ) : (
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item label={L.unitName} name="unitName" rules={[requiredRule(L.unitName), RULES.unitName]}>
                    <UnitNameInput maxLength={100} onPick={fillUnitCode} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    label={L.unitUscc}
                    name="unitUscc"
                    normalize={normalizeCodeInput}
                    validateTrigger={['onChange', 'onBlur']}
                    rules={[requiredRule(L.unitUscc), ...usccTypingRules()]}
                  >
                    <Input maxLength={18} autoComplete="off" className="code-input" placeholder="18 位，含校验位" />
                  </Form.Item>
                </Col>
              </Row>
            )}
          </Card>

          <Card size="small" title="失信情况" className="form-section">
            <Row gutter={16}>
              <Col span={6}>
                <Form.Item label={L.situation} name="situation" rules={[selectRule(L.situation)]}>
                  <KeySelect options={cityChoices.situation} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={L.sector} name="sector" rules={[selectRule(L.sector)]}>
                  <KeySelect options={cityChoices.sector} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={L.clueSource} name="clueSource" rules={[selectRule(L.clueSource)]}>
                  <KeySelect options={cityChoices.clueSource} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={L.severity} name="severity" rules={[selectRule(L.severity)]}>
                  <KeySelect options={cityChoices.severity} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item
                  label={L.happenedOn}
                  name="happenedOn"
                  rules={[
                    { required: true, message: `请填写${L.happenedOn}` },
                    notFutureRule(L.happenedOn),
                  ]}
                >
                  <DateInput style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={L.amountFen} name="amountFen" rules={[yuanRule(L.amountFen)]}>
                  <Input inputMode="decimal" placeholder="如 12345.60，可不填" suffix="元" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item
                  label={L.facts}
                  name="facts"
                  rules={[requiredRule(L.facts), { min: 5, message: `${L.facts}至少 5 个字` }, RULES.facts]}
                >
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount placeholder="何时、何事、违反了什么规定或约定、造成了什么后果" />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card size="small" title="认定文书" className="form-section" extra={<Typography.Text type="secondary">审核认定前须填齐：{approvalHint}</Typography.Text>}>
            <Row gutter={16}>
              <Col span={6}>
                <Form.Item label={L.docName} name="docName" rules={[RULES.docName]}>
                  <Input maxLength={100} placeholder="如：行政判决书" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={L.docNumber} name="docNumber" rules={[RULES.docNumber]}>
                  <Input maxLength={60} placeholder="如：(2024)苏01行初12号" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={L.docAuthority} name="docAuthority" rules={[RULES.docAuthority]}>
                  <Input maxLength={100} placeholder="如：某某区人民法院" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item
                  label={L.recognisedOn}
                  name="recognisedOn"
                  dependencies={['happenedOn']}
                  rules={[
                    notFutureRule(L.recognisedOn),
                    ({ getFieldValue }) => ({
                      validator: async (_r, v: Dayjs | null) => {
                        if (!v) return;
                        const happened = getFieldValue('happenedOn') as Dayjs | null;
                        if (happened && v.isBefore(happened, 'day')) throw new Error(`${L.recognisedOn}不能早于${L.happenedOn}`);
                      },
                    }),
                  ]}
                >
                  <DateInput style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <DuplicateWarning title={DUPLICATE_TITLE} duplicates={duplicates.found} />
          </Card>

          {correcting && <CorrectionReason extra="说明更正依据，如：依据某某决定书更正涉及金额" />}
          <FormActions saving={saving} correcting={correcting} draft={draft} onCancel={back} />
        </Form>
      </Spin>
    </div>
  );
}
