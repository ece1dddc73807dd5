import dayjs, { type Dayjs } from 'dayjs';

/** Calendar dates travel as YYYY-MM-DD text; the pickers hold dayjs values. */
export const DATE_FORMAT = 'YYYY-MM-DD';
export const toIso = (d: Dayjs | null | undefined): string | null => (d ? d.format(DATE_FORMAT) : null);
export const fromIso = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s, DATE_FORMAT) : null);
/** A day after today (the rules say so in words rather than greying the day out, so a typed date is never erased). */
export const isFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
