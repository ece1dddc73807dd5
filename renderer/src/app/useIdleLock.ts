import { useEffect, useRef } from 'react';
import { api } from '../api/client';

const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;
const TOUCH_EVERY_MS = 30_000;

/**
 * Report activity to the main process (at most every 30 s) and lock the screen after the office's idle
 * time. The main process measures idle time too and refuses calls from a locked session, so a renderer
 * that stops reporting is locked all the same.
 */
export function useIdleLock(active: boolean, idleLockMinutes: number, onLocked: () => void): void {
  const lastActivity = useRef(0);
  const lastTouch = useRef(0);
  useEffect(() => {
    if (!active) return;
    lastActivity.current = Date.now();
    lastTouch.current = Date.now();
    const onActivity = () => {
      lastActivity.current = Date.now();
      if (lastActivity.current - lastTouch.current > TOUCH_EVERY_MS) {
        lastTouch.current = lastActivity.current;
        api.authTouch({}).catch(() => undefined);
      }
    };
    ACTIVITY_EVENTS.forEach((e) => window.addEventListener(e, onActivity, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current > idleLockMinutes * 60_000) {
        api.authLock({ idle: true }).finally(onLocked);
      }
    }, 5_000);
    return () => {
      ACTIVITY_EVENTS.forEach((e) => window.removeEventListener(e, onActivity));
      window.clearInterval(timer);
    };
  }, [active, idleLockMinutes, onLocked]);
}
