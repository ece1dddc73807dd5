import type { CommitmentFields } from '../../shared/domain/commitmentSchema';
import type { SupervisionInput } from '../../shared/domain/commitmentSchema';
import { computeUsccCheckChar } from '../../shared/validation/uscc';

/** A valid 统一社会信用代码 of a township unit, for a number 0–99999. */
export function unitUscc(n: number): string {
  const first17 = `11320102MB${String(n).padStart(5, '0')}00`.slice(0, 17);
  return first17 + computeUsccCheckChar(first17);
}

let counter = 0;
/** A different commitment number at every call. */
export const nextCommitmentNumber = () => `CN-2024-${String(++counter).padStart(4, '0')}`;

/** A complete, valid commitment (due in the far future unless told). */
export function commitment(overrides: Partial<CommitmentFields> = {}): CommitmentFields {
  return {
    unitName: '某某市某某区某某街道办事处',
    unitUscc: unitUscc(1),
    number: nextCommitmentNumber(),
    title: '居民养老服务补贴限时办结',
    content: '符合条件且申请材料齐全的，自受理之日起 5 个工作日内办结并告知结果。',
    commitmentType: '期限承诺',
    serviceArea: '养老',
    target: '按期办结率 100%',
    department: '社会事务办',
    responsiblePerson: '王某某',
    publishChannel: '政务公开栏',
    publishedOn: '2024-03-01',
    dueOn: '2099-12-31',
    ...overrides,
  };
}

export const check = (overrides: Partial<Extract<SupervisionInput, { kind: 'check' }>> = {}): SupervisionInput => ({
  kind: 'check', on: '2024-06-01', inspector: '区纪委监委 刘某', method: '实地检查', finding: '窗口公示了办结时限，抽查 10 件均按期办结。', result: '符合承诺', ...overrides,
});

export const complaint = (overrides: Partial<Extract<SupervisionInput, { kind: 'complaint' }>> = {}): SupervisionInput => ({
  kind: 'complaint', on: '2024-07-02', channel: '12345热线', content: '申请养老补贴超过一个月未办结。', handling: '已转社会事务办核查，督促办理。', result: '属实', ...overrides,
});
