import { createHash } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const SW_FILE = 'sw.js';
const MANIFEST_MARK = /(["'])__GRIDGOV_SHELL_MANIFEST__\1/;

/**
 * Builds the service worker (src/sw/service-worker.ts) to /sw.js, a fixed name at the root so it
 * controls the whole console, and writes into it the list of built files to keep and a version
 * (a hash of that list: a new build is a new worker, which replaces the old cache).
 */
function serviceWorker(): Plugin {
  return {
    name: 'gridgov-service-worker',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'chunk', id: 'src/sw/service-worker.ts', fileName: SW_FILE });
    },
    generateBundle(_options, bundle) {
      const assets = Object.keys(bundle)
        .filter((name) => name !== SW_FILE && name !== 'index.html' && !name.endsWith('.map'))
        .sort();
      const version = createHash('sha256').update(assets.join('\n')).digest('hex').slice(0, 16);
      const worker = bundle[SW_FILE];
      if (!worker || worker.type !== 'chunk' || !MANIFEST_MARK.test(worker.code)) throw new Error('the service worker has no manifest mark');
      worker.code = worker.code.replace(MANIFEST_MARK, JSON.stringify(JSON.stringify({ version, assets })));
    },
  };
}

// The server serves web/dist under the same origin as /api; in development Vite proxies /api
// to the server so the HttpOnly session cookie stays first-party.
export default defineConfig({
  plugins: [react(), serviceWorker()],
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000' } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre alone is about 1 MB minified; it lives in the lazily loaded grids chunk.
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      onwarn(warning, defaultHandler) {
        // zod ships explanatory comments next to its /*#__PURE__*/ marks; Rollup drops them harmlessly.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        defaultHandler(warning);
      },
    },
  },
});
