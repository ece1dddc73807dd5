import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Statistic, Table, Tabs, Typography, App as AntApp } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FigureRow, Figures } from '../../../../shared/contract/promises';
import { formatFen } from '../../../../shared/validation/money';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { fromIso, toIso } from '../../components/dates';
import { downloadBase64 } from '../../components/files';
import { DateRangeInput } from '../../components/form/DateInput';
import { errorMessage } from '../../components/formRules';
import { formatYuan } from '../../components/format';
import { rateText } from './promiseUi';

const wan = (fen: number) => Math.round(fen / 1_000_000 * 100) / 100; // 万元 with two decimals, for the charts

const COLUMNS = (first: string) => [
  { title: first, dataIndex: 'label', key: 'label', ellipsis: true },
  { title: '到期项数', dataIndex: 'dueCount', key: 'dueCount', width: 86, align: 'right' as const },
  { title: '应兑现', dataIndex: 'dueFen', key: 'dueFen', width: 140, align: 'right' as const, render: formatYuan },
  { title: '已兑现', dataIndex: 'paidFen', key: 'paidFen', width: 140, align: 'right' as const, render: formatYuan },
  { title: '兑现率', dataIndex: 'rate', key: 'rate', width: 80, align: 'right' as const, render: rateText },
  { title: '逾期项数', dataIndex: 'overdueCount', key: 'overdueCount', width: 86, align: 'right' as const },
  { title: '逾期未兑现', dataIndex: 'overdueFen', key: 'overdueFen', width: 140, align: 'right' as const, render: formatYuan },
  { title: '有争议', dataIndex: 'disputedCount', key: 'disputedCount', width: 70, align: 'right' as const },
  { title: '调整补偿', dataIndex: 'adjustedCount', key: 'adjustedCount', width: 80, align: 'right' as const },
];

function FigureTable({ rows, first }: { rows: FigureRow[]; first: string }) {
  return <Table<FigureRow> size="small" rowKey="key" pagination={rows.length > 12 ? { pageSize: 12 } : false} dataSource={rows} columns={COLUMNS(first)} />;
}

/** The range asked for in the address (/promises/figures?from=…&to=…), else this year. */
function initialRange(): [string, string] {
  const params = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const year = new Date().getFullYear();
  return [params.get('from') ?? `${year}-01-01`, params.get('to') ?? `${year}-12-31`];
}

/** 兑现统计: 兑现率 and overdue figures for any range, by 责任部门, enterprise, month and type; charts and tables; .xlsx. */
export function PromiseFiguresPage() {
  const { message } = AntApp.useApp();
  const [range, setRange] = useState<[string, string]>(initialRange);
  const [figures, setFigures] = useState<Figures | null>(null);
  useEffect(() => {
    void api.promisesFigures({ from: range[0], to: range[1] }).then(setFigures).catch((e) => message.error(errorMessage(e)));
  }, [range, message]);
  const exportFile = useCallback(async () => {
    try {
      downloadBase64(await api.promisesFiguresExport({ from: range[0], to: range[1] }));
    } catch (e) {
      message.error(errorMessage(e));
    }
  }, [range, message]);
  const t = figures?.total;
  const byDept = (figures?.byDepartment ?? []).map((r) => ({ name: r.label, 应兑现: wan(r.dueFen), 已兑现: wan(r.paidFen), 逾期未兑现: wan(r.overdueFen) }));
  const byMonth = (figures?.byMonth ?? []).map((r) => ({ name: r.label, 应兑现: wan(r.dueFen), 已兑现: wan(r.paidFen), 兑现率: r.rate === null ? null : Math.round(r.rate * 1000) / 10 }));

  return (
    <div className="page promise-figures-page">
      <div className="page-head">
        <Space align="center">
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/promises')} aria-label="返回列表" />
          <Typography.Title level={4} style={{ margin: 0 }}>招商引资承诺兑现统计</Typography.Title>
        </Space>
        <Space>
          <span>兑现期限</span>
          <DateRangeInput
            aria-label="统计范围"
            value={[fromIso(range[0]), fromIso(range[1])]}
            allowClear={false}
            onChange={(v) => {
              const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null];
              if (a && b) setRange([toIso(a)!, toIso(b)!]);
            }}
          />
          <Button onClick={exportFile}>导出 Excel</Button>
        </Space>
      </div>
      {figures && t && (
        <>
          <Row gutter={12} className="gap-below figures-summary">
            <Col span={6}><Card size="small"><Statistic title="兑现率" value={rateText(t.rate)} /><div className="sub-line">统计至 {figures.asOf}</div></Card></Col>
            <Col span={6}><Card size="small"><Statistic title={`应兑现（${t.dueCount} 项到期）`} value={formatFen(t.dueFen)} suffix="元" /></Card></Col>
            <Col span={6}><Card size="small"><Statistic title="已兑现" value={formatFen(t.paidFen)} suffix="元" /></Card></Col>
            <Col span={6}><Card size="small"><Statistic title={`逾期未兑现（${t.overdueCount} 项）`} value={formatFen(t.overdueFen)} suffix="元" valueStyle={{ color: t.overdueCount ? '#cf1322' : undefined }} /></Card></Col>
          </Row>
          <Row gutter={12} className="gap-below">
            <Col span={12}>
              <Card size="small" title="按责任部门（万元）" className="chart-card">
                <ResponsiveContainer width="100%" height={220}>
                  <BarChart data={byDept} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="name" tick={{ fontSize: 12 }} />
                    <YAxis tick={{ fontSize: 12 }} />
                    <Tooltip />
                    <Legend />
                    <Bar dataKey="应兑现" fill="#8fb4e3" isAnimationActive={false} />
                    <Bar dataKey="已兑现" fill="#52c41a" isAnimationActive={false} />
                    <Bar dataKey="逾期未兑现" fill="#f5222d" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title="按月份（万元；兑现率 %）" className="chart-card">
                <ResponsiveContainer width="100%" height={220}>
                  <ComposedChart data={byMonth} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="name" tick={{ fontSize: 12 }} />
                    <YAxis yAxisId="money" tick={{ fontSize: 12 }} />
                    <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} tick={{ fontSize: 12 }} />
                    <Tooltip />
                    <Legend />
                    <Bar yAxisId="money" dataKey="应兑现" fill="#8fb4e3" isAnimationActive={false} />
                    <Bar yAxisId="money" dataKey="已兑现" fill="#52c41a" isAnimationActive={false} />
                    <Line yAxisId="rate" dataKey="兑现率" stroke="#fa8c16" isAnimationActive={false} />
                  </ComposedChart>
                </ResponsiveContainer>
              </Card>
            </Col>
          </Row>
          <Card size="small">
            <Tabs
              items={[
                { key: 'dept', label: '按责任部门', children: <FigureTable rows={figures.byDepartment} first="责任部门" /> },
                { key: 'ent', label: '按企业', children: <FigureTable rows={figures.byEnterprise} first="企业" /> },
                { key: 'month', label: '按月份', children: <FigureTable rows={figures.byMonth} first="月份" /> },
                { key: 'type', label: '按承诺类型', children: <FigureTable rows={figures.byType} first="承诺类型" /> },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
