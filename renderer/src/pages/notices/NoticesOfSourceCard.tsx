import { Card, Empty, List } from 'antd';
import { useEffect, useState } from 'react';
import type { NoticeRow } from '../../../../shared/contract';
import type { NoticeSourceKind } from '../../../../shared/domain/notices';
import { api } from '../../api/client';
import { NoticeStatusTag } from './noticeUi';

/**
 * The notices made of an entity (a record's 下发整改) or of several (a project's promise items): the link back from
 * the source to its notices.
 */
export function NoticesOfSourceCard({ kind, id, ids, version }: { kind: NoticeSourceKind; id?: string; ids?: readonly string[]; version: number }) {
  const [rows, setRows] = useState<NoticeRow[] | null>(null);
  const key = (ids ?? [id!]).join(',');
  useEffect(() => {
    const sources = key.split(',').filter(Boolean);
    Promise.all(sources.map((sourceId) => api.noticesForSource({ sourceKind: kind, sourceId })))
      .then((lists) => setRows(lists.flat()), () => setRows([]));
  }, [kind, key, version]);
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
