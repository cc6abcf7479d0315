/**
 * The coverage map (视频覆盖): the grids in scope, every street coloured by the share of it the
 * cameras see (red blind, green covered), the covered stretches drawn over them, and each camera's
 * field of view as a translucent sector (a tap names the camera). Fitted once to the sectors and
 * streets. Load it lazily: MapLibre is large.
 */
import { Alert } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Coverage } from '@gridgov/contracts';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { collectionBounds, ringsBounds } from '../../shared/map/geometry';
import { createMap, maplibregl } from '../../shared/map/maplibre';
import { useGridShapes, useMapSettings } from '../../shared/map/map-data';
import { buildPointsMapStyle, EMPTY_COLLECTION } from '../../shared/map/map-style';

interface Props {
  coverage: Coverage | undefined;
  testId: string;
  height?: number;
}

export default function CoverageMap({ coverage, testId, height = 460 }: Props) {
  const { t } = useI18n();
  const { can } = useSession();
  const config = useMapSettings()?.config ?? null;
  const shapes = useGridShapes(undefined, can('grid:read'));
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const fitted = useRef(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!config || !container) return;
    const map = createMap({ container, style: buildPointsMapStyle(config, null), center: config.center, zoom: config.zoom }, 'bottom-left', { config, audience: 'console' });
    if (!map) {
      setFailed(true);
      return;
    }
    mapRef.current = map;
    map.on('load', () => {
      map.addSource('coverage-streets', { type: 'geojson', data: EMPTY_COLLECTION });
      map.addSource('coverage-covered', { type: 'geojson', data: EMPTY_COLLECTION });
      map.addSource('coverage-sectors', { type: 'geojson', data: EMPTY_COLLECTION });
      map.addLayer({ id: 'coverage-sector-fill', type: 'fill', source: 'coverage-sectors', paint: { 'fill-color': ['match', ['get', 'status'], 'online', '#2563eb', '#94a3b8'], 'fill-opacity': 0.22 } }, 'point-halo');
      map.addLayer({ id: 'coverage-sector-line', type: 'line', source: 'coverage-sectors', paint: { 'line-color': '#1d4ed8', 'line-width': 1, 'line-opacity': 0.6 } }, 'point-halo');
      map.addLayer({
        id: 'coverage-street', type: 'line', source: 'coverage-streets', layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-width': 4, 'line-opacity': 0.85, 'line-color': ['interpolate', ['linear'], ['get', 'covered'], 0, '#dc2626', 0.5, '#f59e0b', 1, '#16a34a'] },
      }, 'point-halo');
      map.addLayer({ id: 'coverage-covered', type: 'line', source: 'coverage-covered', layout: { 'line-cap': 'round' }, paint: { 'line-width': 6, 'line-color': '#16a34a' } }, 'point-halo');
      setReady(true);
    });
    map.on('click', 'coverage-sector-fill', (event) => {
      const props = event.features?.[0]?.properties as { name?: string; heading?: number; fovDeg?: number; rangeM?: number } | undefined;
      if (!props?.name) return;
      new maplibregl.Popup({ closeButton: false })
        .setLngLat(event.lngLat)
        .setText(`${props.name}：${t('devices.field.heading')} ${props.heading} · ${t('devices.field.fov')} ${props.fovDeg} · ${t('devices.field.range')} ${props.rangeM}`)
        .addTo(map);
    });
    return () => {
      map.remove();
      mapRef.current = null;
      fitted.current = false;
      setReady(false);
    };
  }, [config, t]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    (map.getSource('coverage-streets') as GeoJSONSource | undefined)?.setData((coverage?.segments ?? EMPTY_COLLECTION) as GeoJSON.FeatureCollection);
    (map.getSource('coverage-covered') as GeoJSONSource | undefined)?.setData((coverage?.coveredParts ?? EMPTY_COLLECTION) as GeoJSON.FeatureCollection);
    (map.getSource('coverage-sectors') as GeoJSONSource | undefined)?.setData((coverage?.sectors ?? EMPTY_COLLECTION) as GeoJSON.FeatureCollection);
  }, [ready, coverage]);
  useEffect(() => {
    if (ready && shapes) (mapRef.current?.getSource('grids') as GeoJSONSource | undefined)?.setData(shapes);
  }, [ready, shapes]);

  // Fit once: to the sectors and streets, else to the grids in scope.
  const bounds = useMemo(() => {
    if (!coverage) return null;
    const lines = [...coverage.sectors.features.flatMap((f) => f.geometry.coordinates), ...coverage.segments.features.map((f) => f.geometry.coordinates)];
    return ringsBounds(lines) ?? (shapes ? collectionBounds(shapes) : null);
  }, [coverage, shapes]);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || fitted.current || !bounds) return;
    map.fitBounds(bounds, { padding: 32, maxZoom: 17, duration: 0 });
    fitted.current = true;
  }, [ready, bounds]);

  return (
    <div style={{ position: 'relative', height, borderRadius: 8, overflow: 'hidden', border: '1px solid #e5e7eb' }}>
      <div
        ref={containerRef}
        data-testid={testId}
        data-ready={ready && coverage ? 'true' : 'false'}
        data-sectors={coverage?.sectors.features.length ?? 0}
        data-streets={coverage?.segments.features.length ?? 0}
        style={{ position: 'absolute', inset: 0 }}
      />
      {failed && <Alert type="warning" showIcon title={t('map.unavailable')} style={{ position: 'absolute', top: 12, left: 12, right: 12 }} />}
    </div>
  );
}
