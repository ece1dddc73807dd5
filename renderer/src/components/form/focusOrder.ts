/** Keyboard order of the page: what Tab would reach next, for controls that keep Tab for themselves. */
const TABBABLE = 'input:not([type=hidden]), textarea, select, button, a[href], [tabindex]';

function tabbable(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>(TABBABLE)).filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLInputElement).disabled && el.getClientRects().length > 0 && !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked),
  );
}

/** Move the focus to the control after (or before) `from`, as Tab (Shift+Tab) would. */
export function focusNext(from: Element, backwards = false): void {
  const all = tabbable();
  const at = all.findIndex((el) => el === from || el.contains(from));
  const next = all[at + (backwards ? -1 : 1)];
  next?.focus();
}

/** The first field of a form (the checked choice of a radio group), for the cursor when the form opens. */
export function focusFirstField(root: Element | null): void {
  const first = root?.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), textarea:not([disabled])');
  if (first instanceof HTMLInputElement && first.type === 'radio') {
    (first.closest('.ant-radio-group')?.querySelector<HTMLElement>('input:checked') ?? first).focus();
  } else first?.focus();
}
