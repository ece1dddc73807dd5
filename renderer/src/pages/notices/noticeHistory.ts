import { NOTICE_FIELD_LABELS } from '../../../../shared/domain/notices';

/** The fields a notice's history shows as changes (the drafted fields and the number). */
export const FIELD_LABELS_FOR_HISTORY: Record<string, string> = { ...NOTICE_FIELD_LABELS, number: '文号' };
