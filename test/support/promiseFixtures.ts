import type { ProjectInput, ProjectInputRaw } from '../../shared/domain/promiseSchema';
import { projectInputSchema } from '../../shared/domain/promiseSchema';

/** Valid 统一社会信用代码 of enterprises (check characters computed by GB 32100). */
export const ENTERPRISE_USCC = ['91320102MA1MXXKL04', '91320105MA1N00001J', '91320111MA2000001M'];

/** A project's fields as the form sends them (before the schema's defaults), two items unless told otherwise. */
export function projectRaw(responsibleUserId: string, overrides: Partial<ProjectInputRaw> = {}): ProjectInputRaw {
  return {
    projectName: '智能装备产业园项目',
    enterpriseName: '南京某某智能装备有限公司',
    enterpriseUscc: ENTERPRISE_USCC[0],
    agreementNo: 'ZS-2025-001',
    signedOn: '2025-01-10',
    signingBody: '某某街道办事处',
    collectiveDecision: true,
    decisionRef: '2025年第1次党工委会议',
    items: [
      { type: '财政奖补', content: '竣工投产后给予设备投资额 10% 的奖励', amountFen: 100_000_00, dueOn: '2026-03-01', conditions: '竣工验收并投产', department: '经济发展办', responsibleUserId },
      { type: '基础设施配套', content: '项目红线外道路和管网配套到位', amountFen: 50_000_00, dueOn: '2026-06-30', conditions: null, department: '城建办', responsibleUserId },
    ],
    ...overrides,
  };
}

export const projectInput = (responsibleUserId: string, overrides: Partial<ProjectInputRaw> = {}): ProjectInput =>
  projectInputSchema.parse(projectRaw(responsibleUserId, overrides));
