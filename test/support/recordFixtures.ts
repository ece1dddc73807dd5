import type { RecordFields } from '../../shared/domain/recordSchema';

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
