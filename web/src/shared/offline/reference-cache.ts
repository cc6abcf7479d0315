/**
 * Reference data a form needs offline (categories, the worker's grid), remembered per account in
 * localStorage when it was last read online. Only small, non-personal lists belong here; the
 * account's sign-out forgets them.
 */
import { useEffect, useMemo } from 'react';

const PREFIX = 'gridgov.offline.ref.';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function rememberReference(owner: string, name: string, data: unknown): void {
  try {
    storage()?.setItem(`${PREFIX}${owner}.${name}`, JSON.stringify(data));
  } catch {
    // Full or refused: the form works online as before.
  }
}

export function rememberedReference<T>(owner: string, name: string): T | undefined {
  const text = storage()?.getItem(`${PREFIX}${owner}.${name}`);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

export function forgetReferences(owner: string): void {
  const store = storage();
  if (!store) return;
  const mine = `${PREFIX}${owner}.`;
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(mine)) keys.push(key);
  }
  for (const key of keys) store.removeItem(key);
}

/** The data read now, remembered for later; without it (offline), what was remembered. */
export function useRememberedReference<T>(owner: string | null, name: string, data: T | undefined): T | undefined {
  const remembered = useMemo(() => (owner ? rememberedReference<T>(owner, name) : undefined), [owner, name]);
  useEffect(() => {
    if (owner && data !== undefined) rememberReference(owner, name, data);
  }, [owner, name, data]);
  return data ?? remembered;
}
