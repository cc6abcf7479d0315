import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * A stable function that always calls the latest `handler`: for a parent's callback (onClose)
 * used inside an effect that should not run again each time the parent renders.
 */
export function useEventCallback<A extends unknown[], R>(handler: (...args: A) => R): (...args: A) => R {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}
