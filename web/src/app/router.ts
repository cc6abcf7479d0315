/** A tiny hash router: #/path?query. Enough for a console of a few pages. */
import { useMemo, useSyncExternalStore } from 'react';

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function parseHash(hash: string): Location {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const path = pathPart.startsWith('/') ? pathPart : `/${pathPart}`;
  const normalised = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return { path: normalised, query: new URLSearchParams(queryPart) };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentHash(): string {
  return window.location.hash;
}

export function useLocation(): Location {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return useMemo(() => parseHash(hash), [hash]);
}

export function currentLocation(): Location {
  return parseHash(window.location.hash);
}

/** Goes to `#${target}`; `replace` keeps the history entry (used for redirects). */
export function navigate(target: string, options: { replace?: boolean } = {}): void {
  const hash = `#${target.startsWith('/') ? target : `/${target}`}`;
  if (window.location.hash === hash) return;
  if (options.replace) {
    const url = new URL(window.location.href);
    url.hash = hash;
    window.history.replaceState(window.history.state, '', url);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}
