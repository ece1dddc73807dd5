import type { BackupRow } from '../../../../shared/contract';

export const REASON_LABELS: Record<NonNullable<BackupRow['reason']>, string> = {
  manual: '手动',
  automatic: '每日自动',
  'before-restore': '恢复前',
  'before-update': '更新前',
};

export const CHECK_LABELS: Record<BackupRow['check'], { text: string; color: string; title: string }> = {
  ok: { text: '已通过', color: 'green', title: '写入后完整性检查通过，之后大小未变' },
  unchecked: { text: '未检查', color: 'default', title: '没有检查记录（可能是从别处拷来的），恢复前会再检查' },
  changed: { text: '已改变', color: 'red', title: '文件大小与写入时不同，可能已损坏' },
};

export const formatMegabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
