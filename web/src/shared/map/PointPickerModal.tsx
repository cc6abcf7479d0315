/** Picks a location by clicking the map (the grids in scope drawn for orientation). */
import { Modal, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { GeoJSONSource, Map as MapLibreMap, Marker } from 'maplibre-gl';
import { useSession } from '../../app/session';
import { withTestId } from '../../app/test-id';
import { useI18n } from '../../i18n/i18n';
import { collectionBounds } from './geometry';
import { createMap, maplibregl } from './maplibre';
import { buildPointsMapStyle } from './map-style';
import { useGridShapes, useMapConfig } from './map-data';
import { MapTools, useHomeArea } from './MapTools';

export interface LonLat {
  lon: number;
  lat: number;
}

interface Props {
  initial: LonLat | null;
  onPick: (point: LonLat) => void;
  onCancel: () => void;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

export default function PointPickerModal({ initial, onPick, onCancel }: Props) {
  const { t } = useI18n();
  const { can } = useSession();
  const config = useMapConfig();
  const shapes = useGridShapes(undefined, can('grid:read'));
  // Where the map opens: the value when the picker was opened.
  const [start] = useState(initial);
  const [point, setPoint] = useState<LonLat | null>(initial);
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const markerRef = useRef<Marker | null>(null);
  const [ready, setReady] = useState(false);
  const home = useHomeArea();

  useEffect(() => {
    const container = containerRef.current;
    if (!config || !container) return;
    const map = createMap({
      container,
      style: buildPointsMapStyle(config, null),
      center: start ? [start.lon, start.lat] : config.center,
      zoom: start ? 16 : config.zoom,
    }, null, { config, audience: 'console' });
    if (!map) {
      return;
    }
    mapRef.current = map;
    map.getCanvas().style.cursor = 'crosshair';
    map.on('click', (event) => setPoint({ lon: round(event.lngLat.lng), lat: round(event.lngLat.lat) }));
    map.on('load', () => setReady(true));
    return () => {
      markerRef.current?.remove();
      markerRef.current = null;
      map.remove();
      mapRef.current = null;
    };
  }, [config, start]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !shapes) return;
    (map.getSource('grids') as GeoJSONSource | undefined)?.setData(shapes);
    // Without a value the picker opens on the user's own area (his grid), not the city centre.
    const bounds = home ?? collectionBounds(shapes);
    if (!start && bounds) map.fitBounds(bounds, { padding: 32, maxZoom: 16, duration: 0 });
  }, [ready, shapes, start, home]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !point) return;
    if (!markerRef.current) markerRef.current = new maplibregl.Marker({ color: '#dc2626' }).setLngLat([point.lon, point.lat]).addTo(map);
    else markerRef.current.setLngLat([point.lon, point.lat]);
  }, [point, ready]);

  return (
    <Modal
      open
      width={760}
      title={t('record.pickPointTitle')}
      onCancel={onCancel}
      onOk={() => point && onPick(point)}
      okButtonProps={withTestId({ disabled: !point }, 'point-picker-ok')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('record.pickPointHint')}
        {point && (
          <Typography.Text strong style={{ marginInlineStart: 12 }} data-testid="point-picker-value">
            {point.lon}, {point.lat}
          </Typography.Text>
        )}
      </Typography.Paragraph>
      <div style={{ position: 'relative', height: 440, borderRadius: 8, overflow: 'hidden', border: '1px solid #e5e7eb' }}>
        {!config && <Spin style={{ position: 'absolute', top: '45%', left: '48%' }} />}
        <div ref={containerRef} data-testid="point-picker-map" data-ready={ready ? 'true' : 'false'} style={{ position: 'absolute', inset: 0 }} />
        {ready && <MapTools map={mapRef.current} audience="console" home={home} testId="point-picker-tools" onPick={(hit) => setPoint({ lon: round(hit.lon), lat: round(hit.lat) })} />}
      </div>
    </Modal>
  );
}
