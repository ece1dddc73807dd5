import { useCallback, useEffect, useState } from 'react';
import { latestQueryRunner } from '../components/list/latestQuery';
import { useLatestRef } from './useLatestRef';

/** Show the spinner only when an answer is slow: a quick answer changes the rows in one render, without a flash. */
const SPINNER_AFTER_MS = 250;

export interface ServerList<Query, Row> {
  items: Row[];
  total: number;
  loading: boolean;
  /** The query whose answer is shown (null before the first answer). */
  shown: Query | null;
  /** Ask for a query now (from an event handler, before the render that will want it anyway). */
  ask(query: Query): void;
}

/**
 * One page of a list from the service, for a query that changes with every click and keystroke: sent once,
 * the newest first, answers to overtaken queries never shown (components/list/latestQuery.ts).
 */
export function useServerList<Query, Row>(
  query: Query,
  load: (query: Query) => Promise<{ items: Row[]; total: number }>,
  onError: (error: unknown) => void,
): ServerList<Query, Row> {
  const [list, setList] = useState<Omit<ServerList<Query, Row>, 'ask'>>({ items: [], total: 0, loading: false, shown: null });
  const calls = useLatestRef({ load, onError });
  const [runner] = useState(() =>
    latestQueryRunner<Query, { items: Row[]; total: number }>({
      load: (q) => calls.current.load(q),
      show: (shown, page) => setList({ items: page.items, total: page.total, loading: false, shown }),
      fail: (error) => {
        setList((l) => ({ ...l, loading: false }));
        calls.current.onError(error);
      },
    }),
  );
  useEffect(() => {
    runner.attach();
    return () => runner.detach();
  }, [runner]);

  const key = JSON.stringify(query);
  useEffect(() => {
    runner.want(key);
    if (!runner.busy) return;
    const spinner = setTimeout(() => runner.busy && setList((l) => (l.loading ? l : { ...l, loading: true })), SPINNER_AFTER_MS);
    return () => clearTimeout(spinner);
  }, [key, runner]);

  const ask = useCallback((q: Query) => runner.want(JSON.stringify(q)), [runner]);
  return { ...list, ask };
}
