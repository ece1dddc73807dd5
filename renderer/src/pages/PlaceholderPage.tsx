import { Empty, Typography } from 'antd';

/** A ledger or tool that a later release adds; shown so the navigation is complete. */
export function PlaceholderPage({ title }: { title: string }) {
  return (
    <div className="page">
      <Typography.Title level={4}>{title}</Typography.Title>
      <Empty description="此功能将在后续版本提供" />
    </div>
  );
}
