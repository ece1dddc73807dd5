import dayjs from 'dayjs';
import { formatFen } from '../../../shared/validation/money';

/** Instants are stored in UTC and shown in the workstation's local time. */
export const formatInstant = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const formatYuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : `${formatFen(fen)} 元`);
