import { Card, Col, Empty, Row, Segmented, Space, Statistic, Table, Tag, Typography, App as AntApp } from 'antd';
import { useEffect, useState } from 'react';
import type { DueEntry, Workbench } from '../../../../shared/contract/workbench';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { errorMessage } from '../../components/formRules';

const DUE_COLUMNS = (late: boolean) => [
  { title: '台账', dataIndex: 'ledgerLabel', key: 'ledger', width: 120, render: (l: string) => <Tag>{l}</Tag> },
  { title: '事项', dataIndex: 'title', key: 'title', render: (t: string, e: DueEntry) => <><a href={`#${e.link}`}>{t}</a><div className="sub-line">{e.detail}</div></> },
  { title: late ? '到期日' : '兑现期限', dataIndex: 'dueOn', key: 'dueOn', width: 96 },
  { title: '责任人', dataIndex: 'responsibleName', key: 'who', width: 80 },
];

function DueTable({ entries, late, empty }: { entries: DueEntry[]; late: boolean; empty: string }) {
  if (entries.length === 0) return <Empty description={empty} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return <Table<DueEntry> size="small" rowKey={(e) => `${e.ledger}:${e.id}`} pagination={entries.length > 8 ? { pageSize: 8, size: 'small' } : false} dataSource={entries} columns={DUE_COLUMNS(late)} />;
}

/**
 * 工作台, the page after sign-in: what falls due in the next 30 days and what is overdue in every ledger, the counts
 * per ledger and status, the office's 兑现率. Every number opens the list filtered on exactly what it counts.
 */
export function WorkbenchPage() {
  const { message } = AntApp.useApp();
  const [mine, setMine] = useState(false);
  const [wb, setWb] = useState<Workbench | null>(null);
  useEffect(() => {
    void api.workbenchGet({ mine }).then(setWb).catch((e) => message.error(errorMessage(e)));
  }, [mine, message]);
  return (
    <div className="page workbench-page">
      <div className="page-head">
        <Typography.Title level={4}>工作台</Typography.Title>
        <Segmented<'all' | 'mine'>
          value={mine ? 'mine' : 'all'}
          onChange={(v) => setMine(v === 'mine')}
          options={[{ value: 'all', label: '全部事项' }, { value: 'mine', label: '我负责的' }]}
        />
      </div>
      {wb && (() => {
        // A headline number opens the list of the ledger that has entries in it (the first, when several have);
        // each ledger's own numbers are in 各台账状态 below.
        const overdueIn = wb.ledgers.find((l) => l.overdue.count > 0) ?? wb.ledgers[0];
        const dueSoonIn = wb.ledgers.find((l) => l.dueSoon.count > 0) ?? wb.ledgers[0];
        return (
        <>
          <Row gutter={12} className="gap-below">
            <Col span={6}>
              <Card size="small" hoverable onClick={() => navigate(overdueIn?.overdue.link ?? '/')} className="wb-overdue">
                <Statistic title="已逾期" value={wb.overdueTotal} suffix="项" valueStyle={{ color: wb.overdueTotal ? '#cf1322' : undefined }} />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small" hoverable onClick={() => navigate(dueSoonIn?.dueSoon.link ?? '/')} className="wb-due-soon">
                <Statistic title={`${wb.horizonDays} 天内到期（至 ${wb.until}）`} value={wb.dueSoonTotal} suffix="项" />
              </Card>
            </Col>
            {wb.figures.map((f) => (
              <Col span={12} key={f.label}>
                <Card size="small" hoverable onClick={() => navigate(f.link)} className="wb-figure">
                  <Statistic title={f.label} value={f.value} />
                  <div className="sub-line">{f.hint}</div>
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={12} className="gap-below">
            <Col span={12}>
              <Card size="small" title={`已逾期（${wb.overdueTotal}）`}>
                <DueTable entries={wb.overdue} late empty="没有逾期事项" />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title={`${wb.horizonDays} 天内到期（${wb.dueSoonTotal}）`}>
                <DueTable entries={wb.dueSoon} late={false} empty={`${wb.horizonDays} 天内没有到期事项`} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title="各台账状态">
            {wb.ledgers.map((l) => (
              <div key={l.ledger} className="wb-ledger">
                <Space wrap>
                  <a href={`#${l.link}`}><Typography.Text strong>{l.label}</Typography.Text></a>
                  <a href={`#${l.overdue.link}`}><Tag color="red">逾期 {l.overdue.count}</Tag></a>
                  <a href={`#${l.dueSoon.link}`}><Tag color="orange">30 天内到期 {l.dueSoon.count}</Tag></a>
                  {l.statuses.map((s) => (
                    <a key={s.status} href={`#${s.link}`}><Tag>{s.label} {s.count}</Tag></a>
                  ))}
                </Space>
              </div>
            ))}
          </Card>
        </>
        );
      })()}
    </div>
  );
}
