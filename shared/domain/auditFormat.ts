import { formatFen } from '../validation/money';
import { maskIdNumber } from '../validation/mask';
import { AUDIT_ENTITIES, type AuditField, type AuditSnapshot } from './auditDescriptions';

/** One changed field of an audit entry, as a reviewer reads it. */
export interface AuditChangeLine {
  field: string;
  label: string;
  /** Formatted values; null when the field was empty (or the object did not exist yet). */
  before: string | null;
  after: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Local time of the workstation (the instant is stored in UTC). */
function localInstant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A stored value in the words and units a reviewer expects: 元 with two decimals, masked identity numbers, 是/否. */
export function formatAuditValue(field: AuditField, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (field.labels && typeof value === 'string') return field.labels[value] ?? value;
  switch (field.format) {
    case 'money':
      return typeof value === 'number' && Number.isSafeInteger(value) ? `${formatFen(value)} 元` : String(value);
    case 'idNumber':
      return maskIdNumber(String(value));
    case 'instant':
      return localInstant(String(value));
    case 'boolean':
      return value ? '是' : '否';
    case 'bytes':
      return typeof value === 'number' ? formatBytes(value) : String(value);
    default:
      return typeof value === 'object' ? null : String(value);
  }
}

const asSnapshot = (value: unknown): AuditSnapshot => (value && typeof value === 'object' && !Array.isArray(value) ? (value as AuditSnapshot) : {});

/**
 * The declared fields that differ between before and after (all filled fields of a new object), in the
 * declared order, with Chinese labels and formatted values. Fields the entity does not declare are not shown.
 */
export function describeAuditChanges(entity: string, before: unknown, after: unknown): AuditChangeLine[] {
  const description = AUDIT_ENTITIES[entity];
  if (!description) return [];
  const b = asSnapshot(before);
  const a = asSnapshot(after);
  const lines: AuditChangeLine[] = [];
  for (const [name, field] of Object.entries(description.fields)) {
    const was = formatAuditValue(field, b[name]);
    const now = formatAuditValue(field, a[name]);
    if (was !== now) lines.push({ field: name, label: field.label, before: was, after: now });
  }
  return lines;
}
