import { useEffect, useRef, useState } from 'react';
import { useLatestRef } from './useLatestRef';

/** Show the spinner only when an answer is slow: a quick answer changes the rows in one render, without a flash. */
const SPINNER_AFTER_MS = 250;

export interface ServerList<Query, Row> {
  items: Row[];
  total: number;
  loading: boolean;
  /** The query whose answer is shown (null before the first answer). */
  shown: Query | null;
}

/**
 * One page of a list from the service, for a query that changes with every click and keystroke.
 * A query is sent once (an unchanged query is never sent again); while one request is on its way, only the
 * newest query waits for it, and answers to queries that have been overtaken are never shown.
 */
export function useServerList<Query, Row>(
  query: Query,
  load: (query: Query) => Promise<{ items: Row[]; total: number }>,
  onError: (error: unknown) => void,
): ServerList<Query, Row> {
  const [list, setList] = useState<ServerList<Query, Row>>({ items: [], total: 0, loading: false, shown: null });
  const key = JSON.stringify(query);
  const calls = useLatestRef({ load, onError });
  const run = useRef({ busy: false, queued: null as string | null, last: null as string | null, alive: true });

  useEffect(() => {
    const state = run.current;
    state.alive = true;
    return () => {
      state.alive = false;
    };
  }, []);

  useEffect(() => {
    const state = run.current;
    if (key === (state.queued ?? state.last)) return;
    state.queued = key;
    if (state.busy) return;
    state.busy = true;
    const spinner = setTimeout(() => state.alive && setList((l) => ({ ...l, loading: true })), SPINNER_AFTER_MS);
    void (async () => {
      while (state.queued !== null) {
        const sent = state.queued;
        state.queued = null;
        state.last = sent;
        try {
          const query = JSON.parse(sent) as Query;
          const page = await calls.current.load(query);
          if (state.alive && state.queued === null) setList({ items: page.items, total: page.total, loading: false, shown: query });
        } catch (error) {
          if (state.alive && state.queued === null) {
            setList((l) => ({ ...l, loading: false }));
            calls.current.onError(error);
          }
        }
      }
      clearTimeout(spinner);
      state.busy = false;
    })();
  }, [key, calls]);

  return list;
}
