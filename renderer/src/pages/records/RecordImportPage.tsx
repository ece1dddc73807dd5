import { api } from '../../api/client';
import { LedgerImportPage } from '../../components/LedgerImportPage';

const HEADERS_HINT = '主体类型、单位名称、统一社会信用代码、姓名、身份证号、职务、失信情形、领域、线索来源、失信事实、认定文书名称、认定文书编号、认定日期、认定机关、涉及金额（元）、发生日期、严重程度';

/** Excel 导入政务失信记录, on the kit's import page. */
export function RecordImportPage() {
  return (
    <LedgerImportPage
      title="Excel 导入政务失信记录"
      className="record-import-page"
      listPath="/records"
      listLabel="查看记录列表"
      rowWord="条记录"
      headersHint={HEADERS_HINT}
      template={() => api.recordsTemplate({})}
      runImport={(request) => api.recordsImport(request)}
    />
  );
}
