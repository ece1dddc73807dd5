import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';

/**
 * Form drafts (drafts.* channels): what the clerk has typed is saved ~600 ms after each change, so a closed
 * window or a crash loses nothing. The save is serialised (one request at a time, the newest data wins) and
 * can be flushed before the record itself is saved, so a late draft write never outlives the record.
 */
export function useFormDraft<T>(key: string, delay = 600) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<T | null>(null);
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const stopped = useRef(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [failed, setFailed] = useState(false);

  const writeNow = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const data = pending.current;
    pending.current = null;
    if (data === null || stopped.current) return inFlight.current;
    inFlight.current = inFlight.current
      .then(() => (stopped.current ? undefined : api.draftsSave({ key, data })))
      .then(
        () => {
          setSavedAt(new Date());
          setFailed(false);
        },
        () => setFailed(true),
      );
    return inFlight.current;
  }, [key]);

  /** Call on every change of the form. */
  const schedule = useCallback(
    (data: T) => {
      stopped.current = false;
      pending.current = data;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void writeNow(), delay);
    },
    [delay, writeNow],
  );

  /** Stop saving (before the record is saved with draftKey, or when the draft is discarded). */
  const stop = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    stopped.current = true;
    await inFlight.current;
  }, []);

  const discard = useCallback(async () => {
    await stop();
    await api.draftsDiscard({ key });
    setSavedAt(null);
  }, [key, stop]);

  // Leaving the page keeps what was typed: a pending save is written at once.
  useEffect(() => () => void writeNow(), [writeNow]);

  return { schedule, stop, discard, savedAt, failed };
}
