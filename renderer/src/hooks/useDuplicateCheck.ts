import { useEffect, useState } from 'react';
import { useDebounced } from './useDebounced';
import { useLatestRef } from './useLatestRef';

/**
 * Possible duplicates of what the form holds, looked up as the clerk types (debounced), for the warning
 * under the fields. (At save time the form looks up exactly the values being saved: the watched values
 * may not have caught up with a quick Ctrl+S.) `query` is the compared values as text, or null when they
 * are not complete.
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

  return { found: query ? result.found : [] };
}
