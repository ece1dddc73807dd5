import { api } from '../../api/client';
import { LedgerImportPage } from '../../components/excel/LedgerImportPage';

const HEADERS = '承诺单位、统一社会信用代码、承诺编号、承诺事项、承诺内容、承诺类型、服务领域、责任部门、责任人、公开渠道、公开日期、承诺期限（可另加“量化目标”列）';

/** Excel 导入 of 公开承诺, on the kit's import page. */
export function CommitmentImportPage() {
  return (
    <LedgerImportPage
      title="Excel 导入公开承诺"
      className="commitment-import-page"
      listPath="/commitments"
      unit="项承诺"
      headers={HEADERS}
      formatHint="日期可写作 2024-03-05、2024/3/5 或 2024年3月5日。导入的承诺为“待确认”；承诺期限已过的，导入后即为“逾期未兑现”。"
      template={() => api.commitmentsTemplate({})}
      importFile={(request) => api.commitmentsImport(request)}
    />
  );
}
