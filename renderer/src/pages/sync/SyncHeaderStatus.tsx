import { Badge, Space } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import type { SyncStatusView } from '../../../../shared/contract/sync';
import { api, onDataChanged } from '../../api/client';
import { navigate } from '../../app/router';
import { formatInstant } from '../../components/format';

const REFRESH_MS = 15_000;

/** Sent by whoever just ran a sync step, so the header does not wait for its timer. */
export const SYNC_CHANGED_EVENT = 'ledger:sync-changed';

/** The header's sync line: pending count, last success, and a fault if any. Follows page changes, data changes and a timer. */
export function SyncHeaderStatus({ path }: { path: string }) {
  const [s, setS] = useState<SyncStatusView | null>(null);
  useEffect(() => {
    let live = true;
    const read = () => api.syncStatus({}).then((v) => live && setS(v), () => undefined);
    void read();
    const timer = setInterval(read, REFRESH_MS);
    window.addEventListener(SYNC_CHANGED_EVENT, read);
    const offData = onDataChanged(() => void read()); // a saved change counts in 待上报 at once, not at the next tick
    return () => {
      live = false;
      offData();
      clearInterval(timer);
      window.removeEventListener(SYNC_CHANGED_EVENT, read);
    };
  }, [path]);
  if (!s) return null;
  const waiting = s.pending + s.inFlight;
  const badge = !s.enrolled ? 'default' : s.fault ? 'error' : s.running ? 'processing' : waiting > 0 ? 'warning' : 'success';
  const text = !s.enrolled
    ? `未连接平台 · 待上报 ${waiting} 条`
    : `待上报 ${waiting} 条 · 上次成功 ${s.lastSuccessAt ? formatInstant(s.lastSuccessAt) : '从未'}${s.fault ? ' · 上报故障' : ''}`;
  return (
    <a className="sync-status" title={s.fault?.message ?? '与市公共信用信息平台的上报状态，点击查看'} onClick={() => navigate('/sync')}>
      <Space size={6}>
        <Badge status={badge} />
        <CloudUploadOutlined />
        <span>{text}</span>
      </Space>
    </a>
  );
}
