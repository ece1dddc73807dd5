import { api } from '../../api/client';
import { LedgerImportPage } from '../../components/excel/LedgerImportPage';

const HEADERS = '主体类型、单位名称、统一社会信用代码、姓名、身份证号、职务、失信情形、领域、线索来源、失信事实、认定文书名称、认定文书编号、认定日期、认定机关、涉及金额（元）、发生日期、严重程度';

/** Excel 导入 of 政务失信记录, on the kit's import page. */
export function RecordImportPage() {
  return (
    <LedgerImportPage
      title="Excel 导入政务失信记录"
      className="record-import-page"
      listPath="/records"
      unit="条记录"
      headers={HEADERS}
      formatHint="日期可写作 2024-03-05、2024/3/5 或 2024年3月5日；金额以元为单位，可带千分位逗号。"
      template={() => api.recordsTemplate({})}
      importFile={(request) => api.recordsImport(request)}
    />
  );
}
