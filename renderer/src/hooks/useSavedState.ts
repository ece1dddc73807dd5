import { useEffect, useState } from 'react';

/**
 * State kept in sessionStorage under `key` (for this window: back from a record, a list is as it was, and a
 * reload keeps it). What was saved is laid over `initial`, so fields added later get their defaults.
 */
export function useSavedState<T extends object>(key: string, initial: T) {
  const [state, setState] = useState<T>(() => {
    try {
      const saved = JSON.parse(sessionStorage.getItem(key) ?? 'null') as Partial<T> | null;
      return saved ? { ...initial, ...saved } : initial;
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    sessionStorage.setItem(key, JSON.stringify(state));
  }, [key, state]);
  return [state, setState] as const;
}
