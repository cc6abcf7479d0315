/**
 * A map of records as points that a tap opens, sized for a phone as well as a desk: the grids in
 * scope for orientation, one point per place (records at the same spot, such as the households
 * of one building, share a point that shows how many; a tap on it lists them to choose from),
 * the view fitted to the points, else to the user's own area (his grid), and a button that
 * shows where the phone is. A page may pass the outline of the user's own grid(s) (`outline`,
 * e.g. `useOwnGridOutline`, remembered on the phone), drawn bold over the grids in scope.
 * Without network it still draws (the points and the outline are the page's own data; the map
 * settings fall back to their defaults). `links` draws lines between places under the points
 * (a plan's routes: from a warehouse to where the supplies go), thicker for more.
 * Load it lazily: MapLibre is large.
 */
import { Alert, Button, List, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { FALLBACK_MAP_CONFIG } from '../../api/grids';
import type { GridFeatureCollection } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { useOnline } from '../offline/network';
import { LABEL_FONT } from './basemap';
import { collectionBounds, ringsBounds } from './geometry';
import { createMap, maplibregl } from './maplibre';
import { useGridShapes, useMapSettings } from './map-data';
import { buildPointsMapStyle, EMPTY_COLLECTION, PALETTE } from './map-style';
import { useHomeArea } from './MapTools';

export interface MapPoint {
  id: string;
  lon: number;
  lat: number;
  /** One line naming the record (the chooser's line for a shared point). */
  label: string;
  color?: string;
  /** Drawn larger, ringed red (a follow-up, an emergency). */
  highlight?: boolean;
}

/** A line between two places, `weight` (≥ 1) sets its width relative to the heaviest link. */
export interface MapLink {
  from: { lon: number; lat: number };
  to: { lon: number; lat: number };
  weight?: number;
}

export interface PointsMapProps {
  points: readonly MapPoint[];
  /** Lines between places (`data-links` on the map: the lines drawn). */
  links?: readonly MapLink[];
  onOpen: (id: string) => void;
  /** `<testId>` on the map (data-ready, data-points, data-spots: the points drawn, after sharing), `<testId>-choose-<id>` on the chooser's lines. */
  testId: string;
  height?: number | string;
  /** The user's own grid(s), outlined bold (`data-outline` on the map: the polygons drawn). */
  outline?: GridFeatureCollection | null;
}

/** Points at the same spot (to about a metre) as one place. */
function placeKey(p: Pick<MapPoint, 'lon' | 'lat'>): string {
  return `${p.lon.toFixed(5)},${p.lat.toFixed(5)}`;
}

function groupPlaces(points: readonly MapPoint[]): Map<string, MapPoint[]> {
  const places = new Map<string, MapPoint[]>();
  for (const p of points) places.set(placeKey(p), [...(places.get(placeKey(p)) ?? []), p]);
  return places;
}

const NO_LINKS: readonly MapLink[] = [];

export default function PointsMap({ points, links = NO_LINKS, onOpen, testId, height = 420, outline = null }: PointsMapProps) {
  const { t } = useI18n();
  const { can } = useSession();
  const online = useOnline();
  // Offline the settings cannot be read: the defaults, and the view fits the points anyway.
  const config = useMapSettings()?.config ?? (online ? null : FALLBACK_MAP_CONFIG);
  const shapes = useGridShapes(undefined, can('grid:read'));
  const home = useHomeArea();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const [outlined, setOutlined] = useState(0);
  const [choosing, setChoosing] = useState<MapPoint[] | null>(null);
  const places = useMemo(() => groupPlaces(points), [points]);
  const placesRef = useRef(places);
  const openRef = useRef(onOpen);
  useEffect(() => {
    placesRef.current = places;
    openRef.current = onOpen;
  });

  const collection = useMemo<GeoJSON.FeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: [...places].map(([key, group]) => ({
        type: 'Feature' as const,
        properties: { key, count: group.length, color: group[0]!.color ?? PALETTE[0], highlight: group.some((p) => p.highlight === true) },
        geometry: { type: 'Point' as const, coordinates: [group[0]!.lon, group[0]!.lat] },
      })),
    }),
    [places],
  );

  const linkCollection = useMemo<GeoJSON.FeatureCollection>(() => {
    const heaviest = Math.max(1, ...links.map((l) => l.weight ?? 1));
    return {
      type: 'FeatureCollection',
      features: links.map((l) => ({
        type: 'Feature' as const,
        properties: { width: 2 + 6 * ((l.weight ?? 1) / heaviest) },
        geometry: { type: 'LineString' as const, coordinates: [[l.from.lon, l.from.lat], [l.to.lon, l.to.lat]] },
      })),
    };
  }, [links]);

  useEffect(() => {
    const container = containerRef.current;
    if (!config || !container) return;
    const map = createMap({ container, style: buildPointsMapStyle(config, null), center: config.center, zoom: config.zoom }, 'bottom-left', { config, audience: 'console' });
    if (!map) {
      setFailed(true);
      return;
    }
    mapRef.current = map;
    map.addControl(new maplibregl.GeolocateControl({ positionOptions: { enableHighAccuracy: true }, trackUserLocation: false, showAccuracyCircle: true }), 'top-right');
    map.on('load', () => {
      // Big enough for a finger: larger points, the count on a shared one, and a wider invisible target.
      map.setPaintProperty('point', 'circle-radius', ['case', ['>', ['get', 'count'], 1], 11, 8]);
      map.addLayer({
        id: 'point-count',
        type: 'symbol',
        source: 'points',
        filter: ['>', ['get', 'count'], 1],
        layout: { 'text-field': ['to-string', ['get', 'count']], 'text-font': LABEL_FONT, 'text-size': 11, 'text-allow-overlap': true },
        paint: { 'text-color': '#ffffff' },
      });
      map.addLayer({ id: 'point-hit', type: 'circle', source: 'points', paint: { 'circle-radius': 20, 'circle-opacity': 0 } });
      // The user's own grid(s): a bold line under the points.
      map.addSource('own-grids', { type: 'geojson', data: EMPTY_COLLECTION });
      map.addLayer(
        { id: 'own-grid-outline', type: 'line', source: 'own-grids', paint: { 'line-color': '#1d4ed8', 'line-width': 3, 'line-dasharray': [3, 1.5] } },
        'point-halo',
      );
      map.addSource('links', { type: 'geojson', data: EMPTY_COLLECTION });
      map.addLayer({ id: 'link', type: 'line', source: 'links', layout: { 'line-cap': 'round' }, paint: { 'line-color': '#c2410c', 'line-opacity': 0.7, 'line-width': ['get', 'width'] } }, 'point-halo');
      setReady(true);
    });
    map.on('click', 'point-hit', (event) => {
      const key = event.features?.[0]?.properties?.key;
      const group = typeof key === 'string' ? placesRef.current.get(key) : undefined;
      if (!group) return;
      if (group.length === 1) openRef.current(group[0]!.id);
      else setChoosing(group);
    });
    map.on('mouseenter', 'point-hit', () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'point-hit', () => (map.getCanvas().style.cursor = ''));
    return () => {
      map.remove();
      mapRef.current = null;
      setReady(false);
      setOutlined(0);
    };
  }, [config]);

  useEffect(() => {
    if (ready) (mapRef.current?.getSource('points') as GeoJSONSource | undefined)?.setData(collection);
  }, [ready, collection]);
  useEffect(() => {
    if (ready) (mapRef.current?.getSource('links') as GeoJSONSource | undefined)?.setData(linkCollection);
  }, [ready, linkCollection]);
  useEffect(() => {
    if (ready && shapes) (mapRef.current?.getSource('grids') as GeoJSONSource | undefined)?.setData(shapes);
  }, [ready, shapes]);

  useEffect(() => {
    const source = ready ? (mapRef.current?.getSource('own-grids') as GeoJSONSource | undefined) : undefined;
    if (!source) return;
    source.setData(outline ?? EMPTY_COLLECTION);
    setOutlined(outline?.features.length ?? 0);
  }, [ready, outline]);

  // Fit once: to the points, else to the user's own grid(s) or area, else to the grids in scope.
  const fitted = useRef(false);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || fitted.current) return;
    const positions = collection.features.flatMap((f) => (f.geometry.type === 'Point' ? [f.geometry.coordinates] : []));
    const own = outline && outline.features.length > 0 ? collectionBounds(outline) : null;
    const bounds = ringsBounds([positions]) ?? own ?? home ?? (shapes ? collectionBounds(shapes) : null);
    if (!bounds) return;
    map.fitBounds(bounds, { padding: 48, maxZoom: 17, duration: 0 });
    fitted.current = true;
  }, [ready, collection, outline, home, shapes]);

  return (
    <div style={{ position: 'relative', height, borderRadius: 8, overflow: 'hidden', border: '1px solid #e5e7eb' }}>
      <div ref={containerRef} data-testid={testId} data-ready={ready ? 'true' : 'false'} data-points={points.length} data-spots={places.size} data-links={links.length} data-outline={outlined} style={{ position: 'absolute', inset: 0 }} />
      {failed && <Alert type="warning" showIcon title={t('map.unavailable')} style={{ position: 'absolute', top: 12, left: 12, right: 12 }} />}
      {choosing && (
        <div
          data-testid={`${testId}-chooser`}
          style={{ position: 'absolute', left: 8, right: 8, bottom: 8, maxHeight: '60%', overflowY: 'auto', background: '#fff', borderRadius: 8, boxShadow: '0 2px 10px rgba(0,0,0,0.2)', padding: '8px 12px', zIndex: 3 }}
        >
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
            <Typography.Text strong>{t('map.points.here', { n: choosing.length })}</Typography.Text>
            <Button size="small" type="text" onClick={() => setChoosing(null)} aria-label={t('map.points.close')} data-testid={`${testId}-chooser-close`}>
              ✕
            </Button>
          </div>
          <List
            size="small"
            dataSource={choosing}
            renderItem={(p) => (
              <List.Item data-testid={`${testId}-choose-${p.id}`} onClick={() => onOpen(p.id)} style={{ cursor: 'pointer', paddingInline: 0 }}>
                <Typography.Text style={{ color: p.highlight ? '#c2410c' : undefined }}>{p.label}</Typography.Text>
              </List.Item>
            )}
          />
        </div>
      )}
    </div>
  );
}
