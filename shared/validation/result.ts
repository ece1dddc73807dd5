/**
 * Result type shared by every validator in `shared/validation`.
 *
 * A failed check carries a short reason in Simplified Chinese that a clerk can read as-is
 * (it is shown next to the field, or in the import report beside the row number and column).
 */
export type Check<T = void> = { ok: true; value: T } | { ok: false; reason: string };

/** The failing half of {@link Check}; assignable to `Check<T>` for every `T`. */
export type Failure = { ok: false; reason: string };

export function ok(): { ok: true; value: void };
export function ok<T>(value: T): { ok: true; value: T };
export function ok<T>(value?: T): { ok: true; value: T | undefined } {
  return { ok: true, value };
}

export function fail(reason: string): Failure {
  return { ok: false, reason };
}
