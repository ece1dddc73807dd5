import { Alert, Button } from 'antd';
import { formatInstant } from '../format';

/** Over a form that opened with an unsaved draft: when it was saved, whether the entity has changed since, and a way to drop it. */
export function DraftRestoredNotice({ savedAt, stale, onDiscard }: { savedAt: string; stale: boolean; onDiscard(): void }) {
  return (
    <Alert
      className="gap-below"
      type={stale ? 'warning' : 'info'}
      showIcon
      title={`已恢复未保存的草稿（保存于 ${formatInstant(savedAt)}）`}
      description={stale ? '草稿开始填写后，该记录已被他人修改，请核对后再保存。' : undefined}
      action={<Button size="small" onClick={onDiscard}>放弃草稿</Button>}
    />
  );
}
