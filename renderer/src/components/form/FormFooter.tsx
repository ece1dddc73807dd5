import { SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { requiredRule } from '../formRules';

/** The sticky bar under a ledger form: save (or save the correction), cancel, and where the draft stands. */
export function FormActions({ saving, correcting, draft, onCancel }: {
  saving: boolean; correcting: boolean; draft: { failed: boolean; savedAt: Date | null }; onCancel(): void;
}) {
  return (
    <div className="form-actions">
      <Space>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
          {correcting ? '保存更正' : '保存'}
        </Button>
        <Button onClick={onCancel}>取消</Button>
        <Typography.Text type="secondary" className="draft-status">
          {draft.failed ? '草稿暂未保存（稍后重试）' : draft.savedAt ? `草稿已自动保存 ${dayjs(draft.savedAt).format('HH:mm:ss')}` : 'Ctrl+S 保存 · Esc 取消'}
        </Typography.Text>
      </Space>
    </div>
  );
}

/** Over a form that corrects a locked or closed entity: the edit becomes a new version, with a reason. */
export function CorrectionNotice({ subject, version }: { subject: string; version: number }) {
  return (
    <Alert
      className="gap-below"
      type="warning"
      showIcon
      title={`${subject}，本次修改是一次更正`}
      description={`保存后生成第 ${version + 1} 版，原内容完整保留在版本历史中；请在下方填写更正理由。`}
    />
  );
}

/** The correction's reason (form field `reason`), required. */
export function CorrectionReason({ extra }: { extra?: string }) {
  return (
    <Card size="small" title="更正" className="form-section">
      <Form.Item label="更正理由" name="reason" rules={[requiredRule('更正理由'), { max: 500, message: '更正理由不能超过 500 个字' }]} extra={extra}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
      </Form.Item>
    </Card>
  );
}
