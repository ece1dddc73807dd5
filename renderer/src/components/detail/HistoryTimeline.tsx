import { Card, Empty, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatInstant } from '../format';

export interface HistoryChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

/** One version of an entity as the timeline shows it; the ledger says what its lines are called. */
export interface HistoryEntry {
  version: number;
  actionLabel: string;
  userName: string;
  at: string;
  color: string;
  /** Lines under the head: 状态：… → …, 整改期限：…, 更正理由：… */
  lines: Array<{ text: ReactNode; className?: string }>;
  changes: HistoryChange[];
}

/** The version history of one entity, newest first, each with who, when, what moved and what changed. */
export function HistoryTimeline({ entries, formatValue }: { entries: HistoryEntry[]; formatValue: (field: string, value: unknown) => string }) {
  return (
    <Card size="small" title={`版本历史（${entries.length}）`} className="version-card">
      {entries.length === 0 ? (
        <Empty description="暂无历史" />
      ) : (
        <Timeline
          className="version-timeline"
          items={entries.map((e) => ({ key: e.version, color: e.color, content: <Entry entry={e} formatValue={formatValue} /> }))}
        />
      )}
    </Card>
  );
}

function Entry({ entry: e, formatValue }: { entry: HistoryEntry; formatValue: (field: string, value: unknown) => string }) {
  return (
    <div className="rv-entry">
      <div className="rv-head">
        <Typography.Text strong>第 {e.version} 版</Typography.Text>
        <Typography.Text strong className="rv-action">{e.actionLabel}</Typography.Text>
        <Typography.Text type="secondary">{e.userName} · {formatInstant(e.at)}</Typography.Text>
      </div>
      {e.lines.map((line, i) => (
        <div key={i} className={`rv-line${line.className ? ` ${line.className}` : ''}`}>{line.text}</div>
      ))}
      {e.changes.length > 0 && (
        <ul className="rv-changes">
          {e.changes.map((c) => (
            <li key={c.field}>
              <span className="change-label">{c.label}：</span>
              <span className="change-before">{formatValue(c.field, c.before)}</span>
              {' → '}
              <span className="change-after">{formatValue(c.field, c.after)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
