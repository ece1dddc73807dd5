import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useLatestRef } from './useLatestRef';
import { forgetResumableDraft, rememberResumableDraft, type ResumableDraft } from '../components/form/resumableDraft';

/**
 * Form drafts (drafts.* channels): what the clerk has typed is saved ~400 ms after each change, and at once
 * when the page is hidden, closed or left, so a closed window or a crash loses nothing. The save is
 * serialised (one request at a time, the newest data wins) and stopped before the entity itself is saved,
 * so a late draft write never outlives it. The form is also remembered as "where the clerk left off", so
 * the next start offers 继续填写未保存的草稿.
 */
export function useFormDraft<T>(resume: ResumableDraft, delay = 400) {
  const { key } = resume;
  const userId = useSession().status.user?.id ?? '';
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<T | null>(null);
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const stopped = useRef(false);
  const resumeRef = useLatestRef(resume);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [failed, setFailed] = useState(false);

  const writeNow = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const data = pending.current;
    pending.current = null;
    if (data === null || stopped.current) return inFlight.current;
    rememberResumableDraft(userId, resumeRef.current);
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
  }, [key, userId, resumeRef]);

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

  /** Stop saving (before the entity is saved with the draft's key, or when the draft is discarded). */
  const stop = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    stopped.current = true;
    await inFlight.current;
  }, []);

  /** The entity was saved (and the service removed the draft with it): nothing is left to resume. */
  const saved = useCallback(() => forgetResumableDraft(userId, key), [key, userId]);

  const discard = useCallback(async () => {
    await stop();
    await api.draftsDiscard({ key });
    forgetResumableDraft(userId, key);
    setSavedAt(null);
  }, [key, stop, userId]);

  // Hidden, closed or left: a pending save is written at once.
  useEffect(() => {
    const flush = () => void writeNow();
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      flush();
    };
  }, [writeNow]);

  return { schedule, stop, saved, discard, savedAt, failed };
}
