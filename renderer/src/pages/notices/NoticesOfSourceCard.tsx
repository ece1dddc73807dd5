import { Card, Empty, List } from 'antd';
import { useEffect, useState } from 'react';
import type { NoticeRow } from '../../../../shared/contract';
import type { NoticeSourceKind } from '../../../../shared/domain/notices';
import { api } from '../../api/client';
import { NoticeStatusTag } from './noticeUi';

/** The notices made of an entity (a record's 下发整改): the link back from the source to its notices. */
export function NoticesOfSourceCard({ kind, id, version }: { kind: NoticeSourceKind; id: string; version: number }) {
  const [rows, setRows] = useState<NoticeRow[] | null>(null);
  useEffect(() => {
    api.noticesForSource({ sourceKind: kind, sourceId: id }).then(setRows, () => setRows([]));
  }, [kind, id, version]);
  if (rows === null || rows.length === 0) return rows === null ? null : <Card size="small" title="整改通知书" className="gap-below"><Empty description="尚未下发整改通知书" /></Card>;
  return (
    <Card size="small" title={`整改通知书（${rows.length}）`} className="gap-below notices-of-source">
      <List
        size="small"
        dataSource={rows}
        renderItem={(n) => (
          <List.Item extra={<NoticeStatusTag status={n.status} />}>
            <a href={`#/notices/${n.id}`}>{n.number ?? '限期整改通知书（草稿）'}</a>
            <span className="cell-sub notice-deadline">整改期限 {n.deadline ?? "—"}</span>
          </List.Item>
        )}
      />
    </Card>
  );
}
