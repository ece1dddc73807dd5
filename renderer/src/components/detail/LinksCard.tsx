import { LinkOutlined } from '@ant-design/icons';
import { Card, List, Typography } from 'antd';
import type { LinkedEntity } from '../../../../shared/contract';
import { formatInstant } from '../format';

/** What an entity was made from in one step, and what was made from it (an overdue commitment ↔ its record). */
export function LinksCard({ links }: { links: LinkedEntity[] }) {
  if (links.length === 0) return null;
  return (
    <Card size="small" title="关联事项" className="gap-below links-card">
      <List
        size="small"
        dataSource={links}
        renderItem={(l) => (
          <List.Item key={`${l.kind}-${l.id}`}>
            <Typography.Text type="secondary">{l.direction === 'madeFrom' ? '来源：' : '已生成：'}{l.kindLabel}</Typography.Text>
            {l.route ? <a href={`#${l.route}`}><LinkOutlined /> {l.label}</a> : <span>{l.label}</span>}
            <Typography.Text type="secondary">{formatInstant(l.at)}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
