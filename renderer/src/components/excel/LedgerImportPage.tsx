import { ArrowLeftOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Space, Steps, Table, Typography, Upload, App as AntApp } from 'antd';
import { useCallback, useState } from 'react';
import type { ImportResult } from '../../../../shared/contract';
import { api, LedgerError } from '../../api/client';
import { navigate } from '../../app/router';
import { errorMessage } from '../../components/formRules';
import { downloadBase64, formatFileSize, readFileAsBase64 } from '../../components/files';
import { jobPercent, useJobProgress } from '../../hooks/useJobProgress';
import type { JobProgressView } from '../../../../shared/contract/jobs';

type Rejection = ImportResult['rejected'][number];
interface Chosen {
  fileName: string;
  size: number;
  contentBase64: string;
}

export interface LedgerImportPageProps {
  /** Excel 导入政务失信记录 … */
  title: string;
  className: string;
  /** The ledger's list, to go back to. */
  listPath: string;
  /** What is counted: 条记录, 项承诺. */
  unit: string;
  /** The template's headers, in its order. */
  headers: string;
  /** How dates, amounts… may be written. */
  formatHint: string;
  template(): Promise<{ fileName: string; contentBase64: string }>;
  importFile(request: { fileName: string; contentBase64: string; dryRun: boolean; jobId: string }): Promise<ImportResult>;
}

/**
 * Any ledger's Excel 导入: template → choose a workbook → 预检 (nothing written) → 导入 (good rows written,
 * bad rows reported), with the worker's progress and 取消.
 */
export function LedgerImportPage({ title, className, listPath, unit, headers, formatHint, template, importFile }: LedgerImportPageProps) {
  const [file, setFile] = useState<Chosen | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [imported, setImported] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const progress = useJobProgress(jobId);
  const { message, modal } = AntApp.useApp();

  const downloadTemplate = async () => {
    try {
      downloadBase64(await template());
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const choose = async (f: File) => {
    if (!/\.xlsx$/i.test(f.name)) {
      setRefused(`“${f.name}”不是 .xlsx 文件。请用 Excel 或 WPS 另存为“Excel 工作簿（*.xlsx）”后再选择。`);
      return;
    }
    try {
      setFile({ fileName: f.name, size: f.size, contentBase64: await readFileAsBase64(f) });
      setResult(null);
      setRefused(null);
      setImported(false);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    if (!dryRun && !result?.dryRun) {
      const go = await modal.confirm({
        title: '直接导入？',
        content: '尚未预检。导入时合格的行会写入台账，有问题的行不会写入并列在报告中。',
        okText: '导入',
        cancelText: '先预检',
      });
      if (!go) return;
    }
    setBusy(dryRun ? 'check' : 'import');
    setRefused(null);
    const id = crypto.randomUUID();
    setJobId(id);
    try {
      const r = await importFile({ fileName: file.fileName, contentBase64: file.contentBase64, dryRun, jobId: id });
      setResult(r);
      if (!dryRun) {
        setImported(true);
        message.success(`已导入 ${r.accepted} ${unit}`);
      }
    } catch (error) {
      setResult(null);
      if (error instanceof LedgerError && error.code === 'CANCELLED') message.info(error.message);
      else if (error instanceof LedgerError && (error.code === 'BAD_FILE' || error.code === 'OUT_OF_MEMORY')) setRefused(error.message);
      else message.error(errorMessage(error));
    } finally {
      setBusy(null);
      setJobId(null);
    }
  };

  const cancel = async () => {
    if (!jobId) return;
    try {
      await api.jobsCancel({ jobId });
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const current = imported ? 4 : result?.dryRun ? 3 : file ? 2 : 1;

  return (
    <div className={`page ${className}`}>
      <div className="page-head">
        <Space align="center">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(listPath)} aria-label="返回列表" />
          <Typography.Title level={4}>{title}</Typography.Title>
        </Space>
      </div>
      <Card size="small" className="gap-below">
        <Steps
          size="small"
          current={current}
          items={[
            { title: '下载模板', content: '按模板整理台账' },
            { title: '选择文件', content: '.xlsx，第一个工作表' },
            { title: '预检', content: '只检查，不写入' },
            { title: '导入', content: '合格的行写入台账' },
          ]}
        />
      </Card>

      <Card size="small" title="1. 下载模板" className="gap-below">
        <Space orientation="vertical" size={4}>
          <Typography.Text>
            第一个工作表的第 1 行为表头，须包含以下列（顺序不限，多余的列会被忽略）：
          </Typography.Text>
          <Typography.Text type="secondary" className="headers-hint">{headers}</Typography.Text>
          <Typography.Text type="secondary">{formatHint}</Typography.Text>
          <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>下载模板</Button>
        </Space>
      </Card>

      <Card size="small" title="2. 选择文件" className="gap-below">
        <Upload.Dragger
          accept=".xlsx"
          multiple={false}
          showUploadList={false}
          beforeUpload={(f) => {
            void choose(f);
            return false;
          }}
          className="import-dragger"
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">点击选择或将 .xlsx 文件拖到此处</p>
          <p className="ant-upload-hint">文件只在本机处理，不会上传到网络</p>
        </Upload.Dragger>
        {file && (
          <div className="chosen-file">
            <FileExcelOutlined /> <Typography.Text strong>{file.fileName}</Typography.Text>
            <Typography.Text type="secondary">（{formatFileSize(file.size)}）</Typography.Text>
          </div>
        )}
      </Card>

      <Card size="small" title="3. 预检与导入" className="gap-below">
        <Space wrap>
          <Button onClick={() => run(true)} disabled={!file || imported || busy !== null} loading={busy === 'check'}>预检</Button>
          <Button type="primary" onClick={() => run(false)} disabled={!file || imported || busy !== null} loading={busy === 'import'}>
            {imported ? '已导入' : '导入'}
          </Button>
          {imported && <Button type="link" onClick={() => navigate(listPath)}>查看{unit.slice(1)}列表</Button>}
        </Space>
        {busy && <ImportProgress progress={progress} writes={busy === 'import'} unit={unit} onCancel={() => void cancel()} />}
        {refused && <Alert className="import-result" type="error" showIcon title="文件无法导入" description={refused} />}
        {result && <ImportReport result={result} />}
      </Card>
    </div>
  );
}

const PHASE_TEXT = {
  read: () => '正在读取文件…',
  check: (p: JobProgressView) => `正在检查：${p.done.toLocaleString('zh-CN')} / ${p.total.toLocaleString('zh-CN')} 行`,
  write: (p: JobProgressView) => `正在写入台账：${p.done.toLocaleString('zh-CN')} / ${p.total.toLocaleString('zh-CN')} 条`,
};

/** How far the import (or 预检) in the app's worker thread has got, and its cancel button. */
function ImportProgress({ progress, writes, unit, onCancel }: { progress: JobProgressView | null; writes: boolean; unit: string; onCancel: () => void }) {
  // The card is at the foot of the page: at 1280×720 the bar would start below the window's edge.
  const shown = useCallback((node: HTMLDivElement | null) => node?.scrollIntoView({ block: 'center' }), []);
  return (
    <div ref={shown} className="import-progress" role="status" aria-label={writes ? '导入进度' : '预检进度'}>
      <Progress percent={jobPercent(progress, writes)} status="active" />
      <Space>
        <Typography.Text type="secondary">
          {progress ? PHASE_TEXT[progress.phase](progress) : '正在读取文件…'}
          {writes ? `。取消后不会写入任何${unit.slice(1)}` : ''}
        </Typography.Text>
        <Button size="small" onClick={onCancel}>取消</Button>
      </Space>
    </div>
  );
}

function ImportReport({ result }: { result: ImportResult }) {
  const bad = result.totalRows - result.accepted;
  const shownAll = result.rejected.length === result.rejectedCount;
  const summary = result.dryRun
    ? `预检完成：共 ${result.totalRows} 行，可导入 ${result.accepted} 行，有问题 ${bad} 行（尚未写入台账）`
    : `导入完成：已导入 ${result.accepted} 行，未导入 ${bad} 行`;
  return (
    <div className="import-result">
      <Alert
        type={bad === 0 ? 'success' : result.accepted === 0 ? 'error' : 'warning'}
        showIcon
        title={summary}
        description={
          bad > 0
            ? `有问题的行没有任何内容被写入。请按下表在原表格中修改后，只导入这些行。${
                shownAll ? '' : `共 ${result.rejectedCount} 个问题，下表列出前 ${result.rejected.length} 个，全部问题见导入报告。`
              }`
            : undefined
        }
        action={
          result.report && (
            <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadBase64(result.report!)}>下载导入报告</Button>
          )
        }
      />
      {result.rejected.length > 0 && (
        <Table<Rejection>
          className="rejection-table"
          rowKey={(r) => `${r.row}-${r.column}-${r.reason}`}
          size="small"
          dataSource={result.rejected}
          pagination={result.rejected.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (t) => `共 ${t} 个问题` } : false}
          columns={[
            { title: '行号', dataIndex: 'row', width: 80 },
            { title: '列', dataIndex: 'column', width: 180 },
            { title: '原因', dataIndex: 'reason' },
          ]}
        />
      )}
    </div>
  );
}
