/**
 * Where the problem is: a map of the served area (tiles when configured, else the platform's
 * own streets with their names), an address search, "use my location", and a tap on the map.
 * No point is chosen for the resident: the marker appears only once one of those three placed
 * it, and `onChange` says how (the report needs a confirmed location). One finger scrolls the
 * page; two move the map.
 */
import { Alert, Button, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { Map as MapLibreMap, Marker, StyleSpecification } from 'maplibre-gl';
import type { MapConfig } from '../api/types';
import { basemapLabelLayers, basemapSourcesFor, basemapUnderLayers } from '../shared/map/basemap';
import { createMap, maplibregl } from '../shared/map/maplibre';
import { MapTools, type HomeBounds } from '../shared/map/MapTools';
import { useI18n, type Translate } from '../i18n/i18n';
import { LocateIcon } from './icons';

export interface LonLat {
  lon: number;
  lat: number;
}

/** How the resident confirmed the point (sent with a public report). */
export type LocatedBy = 'device' | 'map' | 'address';

interface Props {
  config: MapConfig;
  value: LonLat | null;
  onChange: (point: LonLat, by: LocatedBy) => void;
  /** A signed-in resident's own grid: the map opens there (and ⌂ returns there). */
  home?: HomeBounds | null;
  testId: string;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;
const CLOSE_ZOOM = 16;

export function portalMapStyle(config: MapConfig): StyleSpecification {
  return {
    version: 8,
    sources: basemapSourcesFor(config),
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e9eef5' } }, ...basemapUnderLayers(config), ...basemapLabelLayers(config, null)],
  };
}

function gestureTexts(t: Translate): Record<string, string> {
  return {
    'CooperativeGesturesHandler.WindowsHelpText': t('portal.map.ctrlZoom'),
    'CooperativeGesturesHandler.MacHelpText': t('portal.map.cmdZoom'),
    'CooperativeGesturesHandler.MobileHelpText': t('portal.map.twoFingers'),
    'NavigationControl.ZoomIn': t('portal.map.zoomIn'),
    'NavigationControl.ZoomOut': t('portal.map.zoomOut'),
  };
}

export function LocationPicker({ config, value, onChange, home, testId }: Props) {
  const { t } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const markerRef = useRef<Marker | null>(null);
  const latest = useRef({ onChange, t });
  useEffect(() => {
    latest.current = { onChange, t };
  });
  // Where the map opens: the point when the picker first showed.
  const [start] = useState(value);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<string | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = createMap({
      container,
      style: portalMapStyle(config),
      center: start ? [start.lon, start.lat] : config.center,
      zoom: start ? Math.max(config.zoom, 15) : Math.max(config.zoom, 13),
      cooperativeGestures: true,
      locale: gestureTexts(latest.current.t),
    }, null, { config, audience: 'public' });
    if (!map) {
      setFailed(true);
      return;
    }
    mapRef.current = map;
    map.on('click', (event) => latest.current.onChange({ lon: round(event.lngLat.lng), lat: round(event.lngLat.lat) }, 'map'));
    map.on('load', () => setReady(true));
    return () => {
      markerRef.current?.remove();
      markerRef.current = null;
      map.remove();
      mapRef.current = null;
      setReady(false);
    };
  }, [config, start]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (!value) {
      markerRef.current?.remove();
      markerRef.current = null;
      return;
    }
    if (!markerRef.current) {
      const marker = new maplibregl.Marker({ color: '#dc2626', draggable: true }).setLngLat([value.lon, value.lat]).addTo(map);
      marker.on('dragend', () => {
        const at = marker.getLngLat();
        latest.current.onChange({ lon: round(at.lng), lat: round(at.lat) }, 'map');
      });
      marker.getElement().setAttribute('data-testid', `${testId}-marker`);
      markerRef.current = marker;
    } else {
      markerRef.current.setLngLat([value.lon, value.lat]);
    }
  }, [value, ready, testId]);

  // Without a point yet, open on the resident's own area once it is known.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || start || !home) return;
    map.fitBounds(home, { padding: 24, maxZoom: CLOSE_ZOOM, duration: 0 });
  }, [ready, start, home]);

  function locate() {
    setLocateError(null);
    if (!('geolocation' in navigator)) {
      setLocateError(t('portal.map.locateUnsupported'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        const point = { lon: round(position.coords.longitude), lat: round(position.coords.latitude) };
        onChange(point, 'device');
        mapRef.current?.jumpTo({ center: [point.lon, point.lat], zoom: Math.max(mapRef.current.getZoom(), CLOSE_ZOOM) });
      },
      (error) => {
        setLocating(false);
        setLocateError(error.code === error.PERMISSION_DENIED ? t('portal.map.locateDenied') : t('portal.map.locateFailed'));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  return (
    <div className="gg-portal-location">
      <div className="gg-portal-map">
        <div
          ref={containerRef}
          data-testid={testId}
          data-ready={ready ? 'true' : 'false'}
          data-lon={value?.lon ?? ''}
          data-lat={value?.lat ?? ''}
          style={{ position: 'absolute', inset: 0 }}
        />
        {ready && <MapTools map={mapRef.current} audience="public" home={home} testId={`${testId}-tools`} onPick={(hit) => onChange({ lon: round(hit.lon), lat: round(hit.lat) }, 'address')} />}
        {failed && <Alert type="warning" showIcon title={t('portal.map.unavailable')} className="gg-portal-map-alert" />}
      </div>
      <div className="gg-portal-location-bar">
        <Button icon={<LocateIcon />} onClick={locate} loading={locating} data-testid={`${testId}-locate`}>
          {t('portal.map.locate')}
        </Button>
        <Typography.Text type="secondary" className="gg-portal-coords" data-testid={`${testId}-coords`}>
          {value ? `${value.lon.toFixed(5)}, ${value.lat.toFixed(5)}` : t('portal.map.noPoint')}
        </Typography.Text>
      </div>
      <Typography.Text type="secondary" className="gg-portal-hint">
        {t('portal.map.hint')}
      </Typography.Text>
      {locateError && <Alert type="warning" showIcon title={locateError} style={{ marginTop: 8 }} data-testid={`${testId}-locate-error`} />}
    </div>
  );
}
