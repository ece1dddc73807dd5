/**
 * Sends a list's queries to the service one at a time, the newest first: while a request is on its way only
 * the newest query waits for it (those typed in between are never sent), a query equal to the one sent or
 * waiting is not sent again, and only the answer to the newest query is shown.
 */
export interface LatestQueryRunner {
  /** A query (as its JSON text) the screen now wants. */
  want(key: string): void;
  /** Whether a request is on its way. */
  readonly busy: boolean;
  /** Show answers (the page is there) or not (the page has gone); answers arriving meanwhile are dropped. */
  attach(): void;
  detach(): void;
}

export function latestQueryRunner<Query, Answer>(handlers: {
  load(query: Query): Promise<Answer>;
  show(query: Query, answer: Answer): void;
  fail(error: unknown): void;
}): LatestQueryRunner {
  let busy = false;
  let queued: string | null = null;
  let last: string | null = null;
  let open = true;

  async function drain() {
    busy = true;
    while (queued !== null) {
      const sent = queued;
      queued = null;
      last = sent;
      const query = JSON.parse(sent) as Query;
      try {
        const answer = await handlers.load(query);
        if (open && queued === null) handlers.show(query, answer);
      } catch (error) {
        if (open && queued === null) handlers.fail(error);
      }
    }
    busy = false;
  }

  return {
    want(key) {
      if (key === (queued ?? last)) return;
      queued = key;
      if (!busy) void drain();
    },
    get busy() {
      return busy;
    },
    attach() {
      open = true;
    },
    detach() {
      open = false;
    },
  };
}
