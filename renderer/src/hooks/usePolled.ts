import { useEffect, useState } from 'react';

/**
 * While `ask` is given, call it every `everyMs` and keep its latest non-null answer (a long job's progress in
 * the app's worker thread). Null until the first answer, and again once `ask` is null. Put `ask` in useCallback.
 */
export function usePolled<T>(ask: (() => Promise<T | null>) | null, everyMs: number): T | null {
  const [latest, setLatest] = useState<T | null>(null);
  useEffect(() => {
    setLatest(null);
    if (!ask) return;
    let stopped = false;
    const poll = async () => {
      try {
        const next = await ask();
        if (!stopped && next !== null) setLatest(next);
      } catch {
        // the next poll tries again; the job's own answer reports any failure
      }
    };
    const timer = setInterval(() => void poll(), everyMs);
    void poll();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [ask, everyMs]);
  return latest;
}
