/**
 * A list's filter bar as a declaration: text boxes, multiple choices and date ranges. The values live in
 * the saved list state as plain JSON (dates as YYYY-MM-DD) and become the contract's filter fields here.
 */
export interface Option {
  value: string;
  label: string;
}

export type FilterField =
  | { kind: 'text'; name: string; label: string; placeholder?: string; width?: number; search?: boolean }
  | { kind: 'choices'; name: string; label: string; options: readonly Option[]; width?: number }
  | { kind: 'dateRange'; name: string; label: string; from: string; to: string; width?: number };

export type FilterValue = string | string[] | [string, string] | null;
export type FilterValues = Record<string, FilterValue>;

/** Nothing chosen: empty text, no choices, no range. */
export function emptyFilterValues(fields: readonly FilterField[]): FilterValues {
  return Object.fromEntries(fields.map((f) => [f.name, f.kind === 'text' ? '' : f.kind === 'choices' ? [] : null]));
}

/** The contract's filter: empty choices and blank text are left out, a range gives its from/to fields. */
export function filterRequest(fields: readonly FilterField[], values: FilterValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'text' && typeof v === 'string' && v.trim()) out[f.name] = v.trim();
    if (f.kind === 'choices' && Array.isArray(v) && v.length) out[f.name] = v;
    if (f.kind === 'dateRange' && Array.isArray(v) && v.length === 2) {
      out[f.from] = v[0];
      out[f.to] = v[1];
    }
  }
  return out;
}

/**
 * The filter a link carries (`#/promises?statuses=overdue&scope=mine&dueFrom=…&dueTo=…&sortBy=dueOn`), as the
 * bar's values: a choice field takes comma-separated values, a text field its text, a date range its from/to
 * parameters. Null when the address has no query. The workbench's numbers open lists this way.
 */
export function filtersFromAddress(fields: readonly FilterField[], query: string | undefined): { values: FilterValues; sortBy?: string; sortOrder?: 'asc' | 'desc' } | null {
  if (!query) return null;
  const params = new URLSearchParams(query);
  const values = emptyFilterValues(fields);
  for (const f of fields) {
    if (f.kind === 'choices') values[f.name] = params.get(f.name)?.split(',').filter(Boolean) ?? [];
    else if (f.kind === 'text') values[f.name] = params.get(f.name) ?? '';
    else values[f.name] = params.get(f.from) && params.get(f.to) ? [params.get(f.from)!, params.get(f.to)!] : null;
  }
  const order = params.get('sortOrder');
  return { values, sortBy: params.get('sortBy') ?? undefined, sortOrder: order === 'asc' || order === 'desc' ? order : undefined };
}
