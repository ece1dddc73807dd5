import { FileExcelOutlined } from '@ant-design/icons';
import { Button, App as AntApp } from 'antd';
import { useState } from 'react';
import { downloadBase64 } from '../files';
import { errorMessage } from '../formRules';

/** 导出 Excel of the rows the list shows (its filter and sort): the service builds the workbook, the browser saves it. */
export function ExportButton({ run }: { run: () => Promise<{ fileName: string; contentBase64: string; count: number }> }) {
  const [busy, setBusy] = useState(false);
  const { message } = AntApp.useApp();
  const exportNow = async () => {
    setBusy(true);
    try {
      const file = await run();
      downloadBase64(file);
      message.success(`已导出 ${file.count} 条记录`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return <Button icon={<FileExcelOutlined />} loading={busy} onClick={exportNow}>导出 Excel</Button>;
}
