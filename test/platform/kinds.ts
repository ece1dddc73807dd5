import type { z } from 'zod';
import { RECORD_STATUSES } from '../../shared/domain/dishonesty';
import { recordFieldsSchema } from '../../shared/domain/recordSchema';
import { PROMISE_STATUSES } from '../../shared/domain/promises';
import { promiseUploadSchema } from '../../shared/domain/promiseSchema';
import { NOTICE_STATUSES, noticeUploadSchema } from '../../shared/domain/notices';
import { COMMITMENT_STATUSES } from '../../shared/domain/commitments';
import { commitmentUploadSchema } from '../../shared/domain/commitmentSchema';

/**
 * What the platform accepts, per upload kind: the app's own shared schema for the item's `data` and the
 * statuses a `record_status` decision may carry. A ledger that lands later adds one line here.
 */
export interface PlatformKind {
  label: string;
  schema: z.ZodType;
  statuses: readonly string[];
}

export const PLATFORM_KINDS: Record<string, PlatformKind> = {
  dishonesty_record: { label: '政务失信记录', schema: recordFieldsSchema, statuses: RECORD_STATUSES },
  investment_promise: { label: '招商引资政策承诺', schema: promiseUploadSchema, statuses: PROMISE_STATUSES },
  rectification_notice: { label: '限期整改通知书', schema: noticeUploadSchema, statuses: NOTICE_STATUSES },
  public_commitment: { label: '公开承诺', schema: commitmentUploadSchema, statuses: COMMITMENT_STATUSES },
};
