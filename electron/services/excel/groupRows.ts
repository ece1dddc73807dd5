import type { RowGroup } from './importPipeline';
import type { ImportRejection } from './report';

/**
 * The grouping step for a sheet whose rows build one entity together (DOMAIN.md: the investment-promise
 * template has one row per promise item; the rows of one project share its project columns). Rows with the
 * same key form a group; a group whose rows disagree on a shared column is refused whole, with every row
 * named on the column where they differ — an item is never filed under a project it does not match.
 */
export interface GroupingSpec<T, E> {
  /** The group a row belongs to (e.g. 协议编号 + 企业统一社会信用代码). */
  keyOf(fields: T): string;
  /** Columns every row of a group must agree on: header (for the report) and how to read the value. */
  shared: ReadonlyArray<{ header: string; valueOf(fields: T): unknown }>;
  /** The entity a group of agreeing rows builds. */
  build(rows: ReadonlyArray<{ row: number; fields: T }>): E;
}

export function groupRows<T, E>(
  rows: ReadonlyArray<{ row: number; fields: T }>, spec: GroupingSpec<T, E>,
): { groups: RowGroup<E>[]; rejected: ImportRejection[] } {
  const byKey = new Map<string, Array<{ row: number; fields: T }>>();
  for (const r of rows) {
    const key = spec.keyOf(r.fields);
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const groups: RowGroup<E>[] = [];
  const rejected: ImportRejection[] = [];
  for (const members of byKey.values()) {
    const first = members[0];
    const conflicts = spec.shared.filter(({ valueOf }) =>
      members.some((m) => JSON.stringify(valueOf(m.fields)) !== JSON.stringify(valueOf(first.fields))),
    );
    if (conflicts.length === 0) {
      groups.push({ rows: members.map((m) => m.row), value: spec.build(members) });
      continue;
    }
    const rowList = members.map((m) => m.row).join('、');
    for (const m of members) {
      for (const { header } of conflicts) {
        rejected.push({ row: m.row, column: header, reason: `同一项目的各行（第 ${rowList} 行）“${header}”不一致，请统一后再导入` });
      }
    }
  }
  return { groups, rejected };
}
