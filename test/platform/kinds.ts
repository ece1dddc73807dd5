import type { z } from 'zod';
import { RECORD_STATUSES } from '../../shared/domain/dishonesty';
import { recordFieldsSchema } from '../../shared/domain/recordSchema';
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
  public_commitment: { label: '公开承诺', schema: commitmentUploadSchema, statuses: COMMITMENT_STATUSES },
};
