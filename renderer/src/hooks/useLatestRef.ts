import { useLayoutEffect, useRef } from 'react';

/** A ref that always holds the latest value (for event handlers and timers that must not be re-created). */
export function useLatestRef<T>(value: T) {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
