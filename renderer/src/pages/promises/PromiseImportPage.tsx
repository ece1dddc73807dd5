import { api } from '../../api/client';
import { LedgerImportPage } from '../../components/excel/LedgerImportPage';

const HEADERS = '项目名称、企业名称、企业统一社会信用代码、协议编号、签订日期、签约主体、承诺类型、承诺内容、承诺金额（元）、兑现期限、兑现条件、责任部门、责任人（可选：是否经三重一大集体决策、集体决策会议）';

/** Excel 导入招商引资承诺: one row per promise item, grouped into projects by 企业统一社会信用代码 + 协议编号. */
export function PromiseImportPage() {
  return (
    <LedgerImportPage
      title="Excel 导入招商引资承诺"
      className="promise-import-page"
      listPath="/promises"
      unit="行承诺事项"
      headers={HEADERS}
      formatHint="每行一项承诺事项；企业统一社会信用代码和协议编号相同的各行为同一项目，项目各列须一致。责任人填本系统在岗用户的姓名或登录名。日期可写作 2024-03-05、2024/3/5 或 2024年3月5日；金额以元为单位。"
      template={() => api.promisesTemplate({})}
      importFile={(request) => api.promisesImport(request)}
    />
  );
}
