// The CSP build of MapLibre (a UMD bundle without the inlined worker) has the same API as the
// main entry but ships no typings of its own.
declare module 'maplibre-gl/dist/maplibre-gl-csp' {
  import * as maplibregl from 'maplibre-gl';
  export default maplibregl;
}
