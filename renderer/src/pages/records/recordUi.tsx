import { Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  CLUE_SOURCES, RECORD_STATUS_LABELS, RECORD_STATUSES, SECTORS, SEVERITIES, SITUATIONS, SUBJECT_TYPE_LABELS, type RecordStatus,
} from '../../../../shared/domain/dishonesty';
import { validateIdNumber } from '../../../../shared/validation/idcard';
import { normalizeCode } from '../../../../shared/validation/text';
import { validateUscc } from '../../../../shared/validation/uscc';
import type { Rule } from 'antd/es/form';
import type { Check } from '../../../../shared/validation/result';
import { formatYuan } from '../../components/format';

/** Pieces shared by the four record pages: tags, select options, dates, files, debouncing. */

export const STATUS_COLORS: Record<RecordStatus, string> = {
  verifying: 'processing',
  unfounded: 'default',
  recognised: 'red',
  rectifying: 'orange',
  rectified: 'cyan',
  repaired: 'green',
  exempted: 'purple',
  objection: 'gold',
  revoked: 'default',
};

export function StatusTag({ status }: { status: RecordStatus }) {
  return <Tag color={STATUS_COLORS[status]} className="record-status-tag">{RECORD_STATUS_LABELS[status]}</Tag>;
}

export const SEVERITY_COLORS: Record<string, string | undefined> = { 一般: undefined, 较重: 'orange', 严重: 'red' };

export function SeverityText({ severity }: { severity: string }) {
  const color = SEVERITY_COLORS[severity];
  return <span className={color ? `severity severity-${color}` : 'severity'}>{severity}</span>;
}

const toOptions = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
export const STATUS_OPTIONS = RECORD_STATUSES.map((s) => ({ value: s, label: RECORD_STATUS_LABELS[s] }));
export const SITUATION_OPTIONS = toOptions(SITUATIONS);
export const SECTOR_OPTIONS = toOptions(SECTORS);
export const CLUE_SOURCE_OPTIONS = toOptions(CLUE_SOURCES);
export const SEVERITY_OPTIONS = toOptions(SEVERITIES);
export const SUBJECT_TYPE_OPTIONS = (Object.keys(SUBJECT_TYPE_LABELS) as Array<keyof typeof SUBJECT_TYPE_LABELS>).map((v) => ({
  value: v,
  label: SUBJECT_TYPE_LABELS[v],
}));

export const DATE_FORMAT = 'YYYY-MM-DD';
export const toIso = (d: Dayjs | null | undefined): string | null => (d ? d.format(DATE_FORMAT) : null);
export const fromIso = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s, DATE_FORMAT) : null);
/** DatePicker: no day after today. */
export const disableFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** Codes are typed without spaces and in capitals; full-width digits from a Chinese IME are folded. */
export const normalizeCodeInput = (v: unknown) => (typeof v === 'string' ? normalizeCode(v).toUpperCase() : v);

/**
 * A code rule that does not nag while the clerk is still typing: on change it speaks about wrong
 * characters (and about the check character once all 18 are there); a code that is too short is
 * reported on blur and on save. The two rules never report the same problem twice.
 */
function codeRules(check: (v: string) => Check<unknown>): Rule[] {
  const tooShort = (text: string, reason: string) => Array.from(text).length < 18 && reason.includes('长度');
  const run = (value: unknown, which: 'typing' | 'length') => {
    if (value === undefined || value === null || value === '') return;
    const text = String(value);
    const result = check(text);
    if (result.ok) return;
    if ((which === 'length') === tooShort(text, result.reason)) throw new Error(result.reason);
  };
  return [
    { validateTrigger: 'onChange', validator: async (_r, v: unknown) => run(v, 'typing') },
    { validateTrigger: 'onBlur', validator: async (_r, v: unknown) => run(v, 'length') },
  ];
}
export const usccTypingRules = () => codeRules(validateUscc);
export const idNumberTypingRules = () => codeRules((v) => validateIdNumber(v));

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A value from the version history, readable (money in 元, empty as —). */
export function formatChangeValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (field === 'amountFen' && typeof value === 'number') return formatYuan(value);
  if (field === 'subjectType' && typeof value === 'string') return SUBJECT_TYPE_LABELS[value as keyof typeof SUBJECT_TYPE_LABELS] ?? value;
  const text = String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** Save a file the service built (base64) through the browser's download: an <a download> click. */
export function downloadBase64(file: { fileName: string; contentBase64: string }, mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  const binary = atob(file.contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** The bytes of a chosen file as base64 (without the data: prefix). */
export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('无法读取文件'));
    reader.readAsDataURL(file);
  });
}

/** The value, once it has stopped changing for `delay` ms. */
export function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/** Drops answers to requests that a newer request has overtaken (typing fast in the search box). */
export function useLatest(): () => () => boolean {
  const counter = useRef(0);
  return useCallback(() => {
    const mine = ++counter.current;
    return () => mine === counter.current;
  }, []);
}
