import { useCallback, useEffect, useState } from 'react';
import { useDebounced } from './useDebounced';
import { useLatestRef } from './useLatestRef';

/**
 * Possible duplicates of what the form holds, looked up as the clerk types (debounced) and, at save time,
 * once more for exactly what is being saved when the lookup has not caught up yet — so a quick Ctrl+S
 * still sees the warning. `query` is the compared values as text, or null when they are not complete.
 */
export function useDuplicateCheck<D>(query: string | null, find: (query: string) => Promise<D[]>, delay = 300) {
  const [result, setResult] = useState<{ query: string | null; found: D[] }>({ query: null, found: [] });
  const findRef = useLatestRef(find);
  const debounced = useDebounced(query, delay);

  useEffect(() => {
    if (!debounced) {
      setResult({ query: debounced, found: [] });
      return;
    }
    let alive = true;
    findRef.current(debounced).then(
      (found) => alive && setResult({ query: debounced, found }),
      () => alive && setResult({ query: debounced, found: [] }),
    );
    return () => {
      alive = false;
    };
  }, [debounced, findRef]);

  /** The duplicates of exactly the current values (asks the service if the last answer was for others, or when `fresh`). */
  const checkNow = useCallback(async (fresh = false): Promise<D[]> => {
    if (!query) return [];
    if (result.query === query && !fresh) return result.found;
    const found = await findRef.current(query);
    setResult({ query, found });
    return found;
  }, [query, result, findRef]);

  return { found: query ? result.found : [], checkNow };
}
