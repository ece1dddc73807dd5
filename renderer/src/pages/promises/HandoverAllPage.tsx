import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Typography, App as AntApp } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { toIso } from '../../components/dates';
import { DateInput, notFutureRule } from '../../components/form/DateInput';
import { errorMessage, requiredRule, showFieldError } from '../../components/formRules';

/**
 * 工作交接 of a person who leaves: every open item they answer for, in every project, to a successor (each project
 * gets its dated handover entry). A user who still answers for open items cannot be disabled before this.
 */
export function HandoverAllPage() {
  const [form] = Form.useForm<{ fromUserId?: string; toUserId?: string; handedOn?: Dayjs | null; reason?: string; department?: string }>();
  const { message } = AntApp.useApp();
  const [users, setUsers] = useState<Array<{ id: string; displayName: string }>>([]);
  useEffect(() => {
    void api.promisesPeople({}).then((p) => setUsers(p.users));
  }, []);
  const save = async () => {
    const v = await form.validateFields();
    try {
      const r = await api.promisesHandoverAll({
        fromUserId: v.fromUserId ?? '', toUserId: v.toUserId ?? '', handedOn: toIso(v.handedOn) ?? '', reason: v.reason ?? '', department: v.department || null,
      });
      message.success(`已交接 ${r.projects} 个项目的 ${r.items} 项承诺事项`);
      form.resetFields();
    } catch (error) {
      if (!showFieldError(form, error)) message.error(errorMessage(error));
    }
  };
  const options = users.map((u) => ({ value: u.id, label: u.displayName }));
  return (
    <div className="page">
      <div className="page-head">
        <Space align="center">
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/promises')} aria-label="返回列表" />
          <Typography.Title level={4} style={{ margin: 0 }}>工作交接（全部项目）</Typography.Title>
        </Space>
      </div>
      <Card size="small" style={{ maxWidth: 560 }}>
        <p>人员调离或岗位调整时，将其负责的全部未办结招商引资承诺事项移交给接手人员。各项目分别留下交接记录。</p>
        <Form form={form} name="handoverAll" layout="vertical" onFinish={save}>
          <Form.Item label="原责任人" name="fromUserId" rules={[{ required: true, message: '请选择原责任人' }]}><Select options={options} showSearch optionFilterProp="label" /></Form.Item>
          <Form.Item label="接手责任人" name="toUserId" rules={[{ required: true, message: '请选择接手责任人' }]}><Select options={options} showSearch optionFilterProp="label" /></Form.Item>
          <Form.Item label="交接日期" name="handedOn" rules={[{ required: true, message: '请填写交接日期' }, notFutureRule('交接日期')]}><DateInput /></Form.Item>
          <Form.Item label="交接原因" name="reason" rules={[requiredRule('交接原因')]}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} /></Form.Item>
          <Form.Item label="新的责任部门（不变可不填）" name="department"><Input maxLength={50} /></Form.Item>
          <Button type="primary" htmlType="submit">确认交接</Button>
        </Form>
      </Card>
    </div>
  );
}
