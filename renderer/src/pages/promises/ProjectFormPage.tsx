import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Typography, App as AntApp } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { ProjectDetail } from '../../../../shared/contract/promises';
import { ITEM_FIELD_LABELS as IL, PROJECT_FIELD_LABELS as PL, PROMISE_TYPES, type PromiseType } from '../../../../shared/domain/promises';
import { formatFen, parseYuanToFen } from '../../../../shared/validation/money';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { fromIso, toIso } from '../../components/dates';
import { DateInput, notFutureRule } from '../../components/form/DateInput';
import { errorMessage, requiredRule, showFieldError, usccRule, yuanRule } from '../../components/formRules';

interface ItemValues {
  id?: string;
  type?: PromiseType;
  content?: string;
  amountFen?: string;
  dueOn?: Dayjs | null;
  conditions?: string;
  department?: string;
  responsibleUserId?: string;
}
interface FormValues {
  projectName?: string;
  enterpriseName?: string;
  enterpriseUscc?: string;
  agreementNo?: string;
  signedOn?: Dayjs | null;
  signingBody?: string;
  collectiveDecision?: boolean;
  decisionRef?: string;
  items?: ItemValues[];
}

const toForm = (p: ProjectDetail): FormValues => ({
  ...p,
  decisionRef: p.decisionRef ?? undefined,
  signedOn: fromIso(p.signedOn),
  items: p.items.map((i) => ({
    id: i.id, type: i.type, content: i.content, amountFen: formatFen(i.amountFen).replace(/,/g, ''), dueOn: fromIso(i.dueOn),
    conditions: i.conditions ?? undefined, department: i.department, responsibleUserId: i.responsibleUserId,
  })),
});

const toRequest = (v: FormValues) => ({
  projectName: v.projectName ?? '', enterpriseName: v.enterpriseName ?? '', enterpriseUscc: (v.enterpriseUscc ?? '').trim().toUpperCase(),
  agreementNo: v.agreementNo ?? '', signedOn: toIso(v.signedOn) ?? '', signingBody: v.signingBody ?? '', collectiveDecision: Boolean(v.collectiveDecision),
  decisionRef: v.decisionRef ?? null,
  items: (v.items ?? []).map((i) => {
    const amount = parseYuanToFen(i.amountFen ?? '');
    return {
      ...(i.id ? { id: i.id } : {}), type: i.type as PromiseType, content: i.content ?? '', amountFen: amount.ok ? amount.value : 0,
      dueOn: toIso(i.dueOn) ?? '', conditions: i.conditions ?? null, department: i.department ?? '', responsibleUserId: i.responsibleUserId ?? '',
    };
  }),
});

/** 新建 / 修改招商引资项目: the project and its promise items (one card each), keyboard first. */
export function ProjectFormPage({ id }: { id?: string }) {
  const [form] = Form.useForm<FormValues>();
  const { message } = AntApp.useApp();
  const [people, setPeople] = useState<{ users: Array<{ id: string; displayName: string }>; departments: string[] }>({ users: [], departments: [] });
  const [version, setVersion] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.promisesPeople({}).then(setPeople).catch((e) => message.error(errorMessage(e)));
    if (id) {
      void api.promisesGet({ id }).then(({ project }) => {
        form.setFieldsValue(toForm(project));
        setVersion(project.version);
      }).catch((e) => message.error(errorMessage(e)));
    }
  }, [id, form, message]);

  const save = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const fields = toRequest(values);
      const saved = id ? await api.promisesUpdate({ id, expectedVersion: version!, fields }) : await api.promisesCreate({ fields });
      message.success(id ? '已保存修改' : '已新建项目');
      navigate(`/promises/projects/${saved.id}`);
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const userOptions = people.users.map((u) => ({ value: u.id, label: u.displayName }));
  const deptOptions = people.departments.map((d) => ({ value: d }));

  return (
    <div className="page promise-form-page">
      <div className="page-head">
        <Typography.Title level={4}>{id ? '修改招商引资项目' : '新建招商引资项目'}</Typography.Title>
        <Space>
          <Button onClick={() => navigate(id ? `/promises/projects/${id}` : '/promises')}>取消</Button>
          <Button type="primary" loading={busy} onClick={save}>保存</Button>
        </Space>
      </div>
      <Form form={form} name="project" layout="vertical" initialValues={{ collectiveDecision: false, items: [{}] }} onFinish={save} size="small">
        <Card size="small" title="项目与协议" className="gap-below">
          <Row gutter={12}>
            <Col span={8}><Form.Item label={PL.projectName} name="projectName" rules={[requiredRule(PL.projectName)]}><Input maxLength={100} autoFocus /></Form.Item></Col>
            <Col span={8}><Form.Item label={PL.enterpriseName} name="enterpriseName" rules={[requiredRule(PL.enterpriseName)]}><Input maxLength={100} /></Form.Item></Col>
            <Col span={8}><Form.Item label={PL.enterpriseUscc} name="enterpriseUscc" rules={[requiredRule(PL.enterpriseUscc), usccRule(PL.enterpriseUscc)]}><Input maxLength={18} /></Form.Item></Col>
            <Col span={6}><Form.Item label={PL.agreementNo} name="agreementNo" rules={[requiredRule(PL.agreementNo)]}><Input maxLength={60} /></Form.Item></Col>
            <Col span={5}><Form.Item label={PL.signedOn} name="signedOn" rules={[{ required: true, message: `请填写${PL.signedOn}` }, notFutureRule(PL.signedOn)]}><DateInput style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={7}><Form.Item label={PL.signingBody} name="signingBody" rules={[requiredRule(PL.signingBody)]}><Input maxLength={100} /></Form.Item></Col>
            <Col span={6}>
              <Form.Item label="经三重一大集体决策" name="collectiveDecision">
                <Radio.Group options={[{ value: true, label: '是' }, { value: false, label: '否' }]} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item noStyle dependencies={['collectiveDecision']}>
                {({ getFieldValue }) => (
                  <Form.Item label={PL.decisionRef} name="decisionRef" rules={getFieldValue('collectiveDecision') ? [requiredRule(PL.decisionRef)] : []}>
                    <Input maxLength={100} placeholder="会议名称或纪要编号" disabled={!getFieldValue('collectiveDecision')} />
                  </Form.Item>
                )}
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => {
                const existing = Boolean(form.getFieldValue(['items', field.name, 'id']));
                return (
                  <Card
                    key={field.key}
                    size="small"
                    className="gap-below promise-item-card"
                    title={`承诺事项 ${index + 1}`}
                    extra={fields.length > 1 ? <Button size="small" icon={<DeleteOutlined />} onClick={() => remove(field.name)}>删除此项</Button> : null}
                  >
                    <Row gutter={12}>
                      <Col span={4}>
                        <Form.Item label={IL.type} name={[field.name, 'type']} rules={[{ required: true, message: `请选择${IL.type}` }]}>
                          <Select options={PROMISE_TYPES.map((t) => ({ value: t, label: t }))} aria-label={`第${index + 1}项${IL.type}`} />
                        </Form.Item>
                      </Col>
                      <Col span={10}>
                        <Form.Item label={IL.content} name={[field.name, 'content']} rules={[requiredRule(IL.content), { min: 2, message: `${IL.content}至少 2 个字` }]}>
                          <Input maxLength={1000} aria-label={`第${index + 1}项${IL.content}`} />
                        </Form.Item>
                      </Col>
                      <Col span={5}>
                        <Form.Item label={IL.amountFen} name={[field.name, 'amountFen']} rules={[requiredRule(IL.amountFen), yuanRule(IL.amountFen)]}>
                          <Input suffix="元" aria-label={`第${index + 1}项${IL.amountFen}`} />
                        </Form.Item>
                      </Col>
                      <Col span={5}>
                        <Form.Item label={IL.dueOn} name={[field.name, 'dueOn']} rules={[{ required: true, message: `请填写${IL.dueOn}` }]}>
                          <DateInput style={{ width: '100%' }} aria-label={`第${index + 1}项${IL.dueOn}`} />
                        </Form.Item>
                      </Col>
                      <Col span={10}>
                        <Form.Item label={IL.conditions} name={[field.name, 'conditions']}>
                          <Input maxLength={1000} aria-label={`第${index + 1}项${IL.conditions}`} />
                        </Form.Item>
                      </Col>
                      <Col span={7}>
                        <Form.Item label={IL.department} name={[field.name, 'department']} rules={[requiredRule(IL.department)]}>
                          <AutoComplete options={deptOptions} aria-label={`第${index + 1}项${IL.department}`} filterOption />
                        </Form.Item>
                      </Col>
                      <Col span={7}>
                        <Form.Item
                          label={IL.responsibleUserId}
                          name={[field.name, 'responsibleUserId']}
                          rules={[{ required: true, message: `请选择${IL.responsibleUserId}` }]}
                          extra={existing ? '更换责任人请办理“工作交接”' : undefined}
                        >
                          <Select options={userOptions} showSearch optionFilterProp="label" disabled={existing} aria-label={`第${index + 1}项${IL.responsibleUserId}`} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Card>
                );
              })}
              <Button icon={<PlusOutlined />} onClick={() => add({})}>添加承诺事项</Button>
            </>
          )}
        </Form.List>
      </Form>
    </div>
  );
}
