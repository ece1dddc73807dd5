import { useEffect, type RefObject } from 'react';
import { focusFirstField } from '../components/form/focusOrder';
import { useLatestRef } from './useLatestRef';

const dialogOpen = () => Boolean(document.querySelector('.ant-modal-wrap')?.getClientRects().length);

/** An open drop-down or calendar, or a dialog over the form, takes Esc for itself. */
function escapeBelongsElsewhere(e: KeyboardEvent): boolean {
  const target = e.target as HTMLElement | null;
  if (target?.getAttribute('aria-expanded') === 'true') return true;
  if (document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden), .ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')?.getClientRects().length) return true;
  return dialogOpen();
}

/**
 * The keys of a form as in the office programs the clerks know: the cursor is in the first field when the
 * form is ready, Ctrl+S saves, Esc cancels (unless a drop-down, calendar or dialog is open: Esc closes that;
 * and Ctrl+S does nothing while a dialog about the save is open).
 */
export function useFormKeys(root: RefObject<HTMLElement | null>, ready: boolean, keys: { save(): void; cancel(): void }) {
  const latest = useLatestRef(keys);

  useEffect(() => {
    if (ready) focusFirstField(root.current);
  }, [ready, root]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (!dialogOpen()) latest.current.save(); // a dialog asking about this save answers it
      } else if (e.key === 'Escape' && !e.defaultPrevented && !escapeBelongsElsewhere(e)) {
        latest.current.cancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [latest]);
}
