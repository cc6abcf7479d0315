/**
 * MapLibre, loaded the Vite way: the CSP bundle plus its worker emitted as a separate asset,
 * so no blob: worker is needed (the server's Content-Security-Policy can stay strict).
 */
import maplibregl from 'maplibre-gl/dist/maplibre-gl-csp';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';
import 'maplibre-gl/dist/maplibre-gl.css';

maplibregl.setWorkerUrl(workerUrl);

export { maplibregl };
