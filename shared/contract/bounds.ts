import { z } from 'zod';

/**
 * Bounds on free-form input, so no call can make the service store or walk something huge: strings have a
 * maximum length, and JSON the renderer keeps for itself (form drafts) is capped in size, depth and count.
 */
export const boundedText = (label: string, max: number) => z.string().max(max, { error: `${label}不能超过 ${max} 个字符` });

export interface JsonBounds {
  /** Characters of the JSON text. */
  maxChars: number;
  /** Nesting of objects and arrays. */
  maxDepth: number;
  /** Values (objects, arrays, strings, numbers…) in all. */
  maxValues: number;
}

/** Why a JSON value exceeds the bounds (in Chinese), or null. Walks iteratively and stops at the first excess. */
export function jsonBoundsProblem(value: unknown, bounds: JsonBounds, label: string): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  let values = 0;
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (++values > bounds.maxValues) return `${label}的内容过多（最多 ${bounds.maxValues} 项）`;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= bounds.maxDepth) return `${label}的层次过深（最多 ${bounds.maxDepth} 层）`;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  const chars = JSON.stringify(value ?? null).length;
  return chars > bounds.maxChars ? `${label}过大（最多 ${Math.round(bounds.maxChars / 1024)} KB）` : null;
}

export const boundedJson = (label: string, bounds: JsonBounds) =>
  z.unknown().superRefine((value, ctx) => {
    const problem = jsonBoundsProblem(value, bounds, label);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A form draft: a record form holds about 20 fields of at most 2,000 characters. */
export const DRAFT_BOUNDS: JsonBounds = { maxChars: 64 * 1024, maxDepth: 6, maxValues: 500 };
/** Drafts one user may keep at a time. */
export const MAX_DRAFTS_PER_USER = 50;
