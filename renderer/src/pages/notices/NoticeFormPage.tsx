import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Result, Row, Select, Space, Spin, Typography, App as AntApp } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import type { NoticeDetail } from '../../../../shared/contract';
import { NOTICE_FIELD_LABELS as L, NOTICE_SOURCE_LABELS } from '../../../../shared/domain/notices';
import { formatFen, parseOptionalYuanToFen } from '../../../../shared/validation/money';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { fromIso, toIso } from '../../components/dates';
import { DateInput } from '../../components/form/DateInput';
import { errorMessage, showFieldError, yuanRule } from '../../components/formRules';
import { useFormKeys } from '../../hooks/useFormKeys';

interface Values {
  title: string;
  addressee: string;
  addresseeUscc: string;
  facts: string;
  amountFen: string;
  basis: string[];
  requirements: string;
  deadline: Dayjs | null;
  replyMethod: string;
  issuingOffice: string;
  cc: string;
}

/** Editing a draft notice: facts and addressee as the source gave them, the basis from the administrator's list. */
export function NoticeFormPage({ id }: { id: string }) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const [notice, setNotice] = useState<NoticeDetail | null>(null);
  const [basisOptions, setBasisOptions] = useState<string[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    Promise.all([api.noticesGet({ id }), api.noticesSettingsGet({})]).then(([loaded, settings]) => {
      const n = loaded.notice;
      setNotice(n);
      setBasisOptions([...new Set([...settings.basis, ...n.basis])]);
      form.setFieldsValue({
        title: n.title, addressee: n.addressee, addresseeUscc: n.addresseeUscc ?? '', facts: n.facts,
        amountFen: n.amountFen === null ? '' : formatFen(n.amountFen).replace(/,/g, ''), basis: n.basis, requirements: n.requirements,
        deadline: fromIso(n.deadline), replyMethod: n.replyMethod, issuingOffice: n.issuingOffice, cc: n.cc,
      });
    }, (e) => setLoadError(errorMessage(e)));
  }, [id, form]);

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const amount = parseOptionalYuanToFen(v.amountFen);
    if (!amount.ok || !notice) return;
    setSaving(true);
    try {
      await api.noticesUpdate({
        id, expectedVersion: notice.version,
        fields: {
          title: v.title, addressee: v.addressee, addresseeUscc: v.addresseeUscc?.trim() || null, facts: v.facts, amountFen: amount.value,
          basis: v.basis ?? [], requirements: v.requirements, deadline: toIso(v.deadline), replyMethod: v.replyMethod, issuingOffice: v.issuingOffice, cc: v.cc ?? '',
        },
      });
      message.success('通知书已保存');
      navigate(`/notices/${id}`);
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };
  useFormKeys(root, notice !== null, { save: () => void save(), cancel: () => navigate(`/notices/${id}`) });

  if (loadError) return <Result status="warning" title="无法打开该通知书" subTitle={loadError} extra={<Button onClick={() => navigate('/notices')}>返回列表</Button>} />;
  return (
    <div className="page notice-form-page" ref={root}>
      <div className="page-head">
        <Space align="center">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(`/notices/${id}`)} aria-label="返回" />
          <Typography.Title level={4}>编辑整改通知书（草稿）</Typography.Title>
          {notice && <Typography.Text type="secondary">来源：{NOTICE_SOURCE_LABELS[notice.sourceKind]}</Typography.Text>}
        </Space>
        <Space>
          <Button onClick={() => navigate(`/notices/${id}`)}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void save()}>保存（Ctrl+S）</Button>
        </Space>
      </div>
      {!notice ? <Spin className="page-spin" /> : (
        <Card size="small">
          <Form form={form} layout="vertical" name="notice" onFinish={() => void save()}>
            <Row gutter={16}>
              <Col span={12}><Form.Item label={L.addressee} name="addressee" rules={[{ required: true, whitespace: true, message: `请填写${L.addressee}` }]}><Input maxLength={100} /></Form.Item></Col>
              <Col span={6}><Form.Item label={L.addresseeUscc} name="addresseeUscc"><Input maxLength={18} /></Form.Item></Col>
              <Col span={6}><Form.Item label={L.title} name="title"><Input maxLength={60} /></Form.Item></Col>
            </Row>
            <Form.Item label={L.facts} name="facts" rules={[{ required: true, whitespace: true, message: `请填写${L.facts}` }]} extra="印在“主送单位：”之下的第一段，通常以“经查，”开头">
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={3000} showCount />
            </Form.Item>
            <Row gutter={16}>
              <Col span={6}><Form.Item label={L.amountFen} name="amountFen" rules={[yuanRule(L.amountFen)]}><Input placeholder="可不填" /></Form.Item></Col>
              <Col span={6}><Form.Item label={L.deadline} name="deadline" rules={[{ required: true, message: `请填写${L.deadline}` }]}><DateInput /></Form.Item></Col>
              <Col span={12}><Form.Item label={L.issuingOffice} name="issuingOffice" rules={[{ required: true, whitespace: true, message: `请填写${L.issuingOffice}` }]}><Input maxLength={100} /></Form.Item></Col>
            </Row>
            <Form.Item label={L.basis} name="basis" extra="从管理员维护的政策依据中选择，也可输入本次适用的文件">
              <Select mode="tags" options={basisOptions.map((b) => ({ value: b, label: b }))} placeholder="选择政策依据" />
            </Form.Item>
            <Form.Item label={L.requirements} name="requirements" rules={[{ required: true, whitespace: true, message: `请填写${L.requirements}` }]} extra="每行一条，各成一段">
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={3000} />
            </Form.Item>
            <Row gutter={16}>
              <Col span={12}><Form.Item label={L.replyMethod} name="replyMethod" rules={[{ required: true, whitespace: true, message: `请填写${L.replyMethod}` }]}><Input maxLength={300} /></Form.Item></Col>
              <Col span={12}><Form.Item label={L.cc} name="cc"><Input maxLength={300} placeholder="如：区发展和改革委员会，区纪委监委" /></Form.Item></Col>
            </Row>
          </Form>
        </Card>
      )}
    </div>
  );
}
