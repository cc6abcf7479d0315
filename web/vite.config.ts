import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves web/dist under the same origin as /api; in development Vite proxies /api
// to the server so the HttpOnly session cookie stays first-party.
export default defineConfig({
  plugins: [react()],
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
