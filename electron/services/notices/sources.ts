import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import { NOTICE_SOURCE_LABELS, type NoticeSourceKind } from '../../../shared/domain/notices';
import type { NoticeSource, NoticeTemplate } from './noticeSources';
import { COMMITMENT_NOTICE_SOURCE } from './commitmentSource';
import { PROMISE_NOTICE_SOURCE } from './promiseSource';
import { RECORD_NOTICE_SOURCE } from './recordSource';

export type { NoticeSource, NoticeSourceFacts, NoticeTemplate } from './noticeSources';

/**
 * The ledgers notices can be made from. A ledger joins by declaring its NoticeSource (see recordSource.ts)
 * and adding it here; until then its kind is refused with a clear message.
 */
export const NOTICE_SOURCES: Partial<Record<Exclude<NoticeSourceKind, 'blank'>, NoticeSource>> = {
  dishonesty_record: RECORD_NOTICE_SOURCE,
  public_commitment: COMMITMENT_NOTICE_SOURCE,
  investment_promise: PROMISE_NOTICE_SOURCE,
};

export function noticeSourceOf(kind: Exclude<NoticeSourceKind, 'blank'>): NoticeSource {
  const source = NOTICE_SOURCES[kind];
  if (!source) throw new AppError(ERROR_CODES.validation, `本版本尚不能从“${NOTICE_SOURCE_LABELS[kind]}”下发整改通知书`, 'sourceKind');
  return source;
}

const STANDARD_REQUIREMENTS = [
  '一、自收到本通知之日起，对上述问题进行全面自查，书面说明原因；',
  '二、制定切实可行的整改措施，明确整改责任人和完成时限，限期完成整改；',
  '三、举一反三，健全守信践诺长效机制，防止类似问题再次发生。',
].join('\n');

/** The body's templates per source type: how the facts open, and the requirements a draft starts with. */
export const NOTICE_TEMPLATES: Record<NoticeSourceKind, NoticeTemplate> = {
  dishonesty_record: { factsLead: '经查，', requirements: STANDARD_REQUIREMENTS },
  public_commitment: {
    factsLead: '经查，你单位公开承诺的事项逾期未兑现：',
    requirements: [
      '一、书面说明承诺事项未按期兑现的原因；',
      '二、制定兑现计划，明确兑现时限和责任人，限期兑现承诺；',
      '三、确因法定事由需调整承诺的，依法定程序调整并向社会说明。',
    ].join('\n'),
  },
  investment_promise: {
    factsLead: '经查，你单位对招商引资企业作出的政策承诺逾期未兑现：',
    requirements: [
      '一、书面说明承诺未兑现的原因，不得以政府换届、领导人员更替等理由违约毁约；',
      '二、对已具备兑现条件的事项限期兑现，暂不具备条件的制定兑现计划并告知企业；',
      '三、确因国家利益、社会公共利益需要改变承诺的，依法定程序进行并对企业予以补偿。',
    ].join('\n'),
  },
  blank: { factsLead: '', requirements: STANDARD_REQUIREMENTS },
};
