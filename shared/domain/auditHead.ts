/**
 * The audit chain's head as printed on backup reports and notices: the newest entry's number and its
 * hash's first 12 hex digits — enough to compare by eye with what the platform or a paper copy kept.
 */
export function formatAuditHead(head: { seq: number; hash: string } | null): string {
  return head ? `第 ${head.seq} 条 · ${head.hash.slice(0, 12)}` : '—';
}
