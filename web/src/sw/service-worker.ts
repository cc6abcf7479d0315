/**
 * The console's service worker (built to /sw.js by the Vite plugin in vite.config.ts, which writes
 * the list of built files in place of the manifest mark): it keeps the app shell (index.html and
 * every built script, style and image) so that the phone console opens with no network after a
 * first visit. API answers are never kept (they carry personal data and must be fresh): the API
 * goes to the network, and the offline queue keeps what the person submits. A new build is a new
 * cache; the old one is deleted when the new worker takes over.
 */
export {};

interface ShellManifest {
  version: string;
  assets: string[];
}

// The plugin puts the manifest here as a JSON text (left as is in development, where no worker runs).
const MANIFEST = '__GRIDGOV_SHELL_MANIFEST__';

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

const scope = self as unknown as WorkerScope;
const manifest = JSON.parse(MANIFEST) as ShellManifest;
const CACHE = `gridgov-shell-${manifest.version}`;
const SHELL = '/index.html';

/** Paths that are never the shell's: the API and its documentation. */
function isApi(path: string): boolean {
  return path.startsWith('/api/') || path.startsWith('/open311/') || path.startsWith('/docs/');
}

scope.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([SHELL, ...manifest.assets.map((a) => `/${a}`)]);
      await scope.skipWaiting();
    })(),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('gridgov-shell-') && name !== CACHE) await caches.delete(name);
      await scope.clients.claim();
    })(),
  );
});

scope.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.location.origin || isApi(url.pathname)) return;
  if (request.mode === 'navigate') {
    // The page: the network first (a new build shows at once), the kept shell without network.
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(SHELL, { cacheName: CACHE })) ?? Response.error()),
    );
    return;
  }
  // Built files have hashed names: the kept copy is the right one; anything else from the network.
  event.respondWith(
    (async () => {
      const kept = await caches.match(request, { cacheName: CACHE });
      if (kept) return kept;
      return fetch(request);
    })(),
  );
});
