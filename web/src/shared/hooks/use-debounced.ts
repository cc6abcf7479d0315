import { useEffect, useState } from 'react';

/**
 * The value as it was `delayMs` after it last changed: a search or a pre-check asks the server
 * once the user pauses, not at every key. Values are compared by their JSON, so an object built
 * afresh each render does not restart the wait.
 */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  const text = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(JSON.parse(text) as T), delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);
  return settled;
}
