/**
 * The user's "reduce motion" setting (prefers-reduced-motion): when it is on, antd's opening and
 * closing animations are turned off, so dialogs and pop-ups appear at once. The browser suite
 * runs chromium with this setting, so a click never lands on a dialog still moving in.
 */
import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  const list = window.matchMedia?.(QUERY);
  list?.addEventListener('change', onChange);
  return () => list?.removeEventListener('change', onChange);
}

const reduced = () => window.matchMedia?.(QUERY).matches === true;

export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, reduced, () => false);
}
