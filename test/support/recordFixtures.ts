import type { RecordFields } from '../../shared/domain/recordSchema';
import { computeIdCheckChar } from '../../shared/validation/idcard';
import { computeUsccCheckChar } from '../../shared/validation/uscc';

/** A valid unit record; override what a test is about. */
export function unitRecord(overrides: Partial<RecordFields> = {}): RecordFields {
  return {
    subjectType: 'unit',
    unitName: '某某市某某区某某街道办事处',
    unitUscc: '11320102MB0000000F',
    personName: null,
    personIdNumber: null,
    personPosition: null,
    situation: '拖欠企业账款',
    sector: '乡镇街道',
    clueSource: '民营企业沟通机制',
    facts: '拖欠某建筑公司道路修缮工程款，经法院判决后仍未履行。',
    docName: '民事判决书',
    docNumber: '(2024)苏0102民初123号',
    recognisedOn: '2024-05-20',
    docAuthority: '某某区人民法院',
    amountFen: 12_345_600,
    happenedOn: '2023-11-02',
    severity: '较重',
    ...overrides,
  };
}

/** A valid person record (a public servant, with the unit that employs them). */
export function personRecord(overrides: Partial<RecordFields> = {}): RecordFields {
  return unitRecord({
    subjectType: 'person',
    personName: '赵某某',
    personIdNumber: '11010519491231002X',
    personPosition: '副主任',
    unitUscc: null,
    situation: '问责处理',
    facts: '在招商引资协议履行中不作为，被问责。',
    ...overrides,
  });
}

/** A valid 统一社会信用代码 numbered n. */
export function numberedUscc(n: number): string {
  const first17 = `913201020${String(n).padStart(8, '0')}`;
  return first17 + computeUsccCheckChar(first17);
}

/** A valid 身份证号 numbered n (born 1980-01-01). */
export function numberedIdNumber(n: number): string {
  const first17 = `11010519800101${String(n).padStart(3, '0')}`;
  return first17 + computeIdCheckChar(first17);
}

/** One row of the import template, header → cell. */
export type TemplateCells = Record<string, unknown>;

/** A good unit row of the import template numbered n, as a clerk would type it. */
export function unitTemplateCells(n: number, overrides: TemplateCells = {}): TemplateCells {
  return {
    主体类型: '单位',
    单位名称: `某某区某某街道办事处${n}`,
    统一社会信用代码: numberedUscc(n),
    失信情形: '拖欠企业账款',
    领域: '乡镇街道',
    线索来源: '民营企业沟通机制',
    失信事实: `拖欠某建筑公司道路修缮工程款，经法院判决后仍未履行（第 ${n} 号）。`,
    认定文书名称: '民事判决书',
    认定文书编号: `(2024)苏0102民初${n}号`,
    认定日期: '2024-05-20',
    认定机关: '某某区人民法院',
    '涉及金额（元）': 1000,
    发生日期: '2024-03-05',
    严重程度: '较重',
    ...overrides,
  };
}

/** A good person row of the import template numbered n. */
export function personTemplateCells(n: number, overrides: TemplateCells = {}): TemplateCells {
  return unitTemplateCells(n, {
    主体类型: '个人',
    统一社会信用代码: null,
    姓名: '赵某某',
    身份证号: numberedIdNumber(n),
    职务: '副主任',
    失信情形: '问责处理',
    ...overrides,
  });
}

let documents = 1000;

/**
 * Another document number each call: for a test that files several records of one subject, which the
 * service refuses for the same 认定文书编号 unless the clerk confirms the duplicate.
 */
export const nextDocNumber = () => `(2024)苏0102民初${++documents}号`;
