/**
 * Open tickets on the map of the grids in scope: a point per ticket coloured by status, ringed
 * red when it is an emergency. Clicking a point opens the ticket. On the MapLibre setup of the
 * grid map (CSP build with its worker URL set) and the register map's style.
 */
import { Alert } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { GeoJSONSource, Map as MapLibreMap, Popup } from 'maplibre-gl';
import type { Ticket } from '@gridgov/contracts';
import { useSession } from '../../../app/session';
import { useI18n } from '../../../i18n/i18n';
import { collectionBounds, mergeBounds, ringsBounds } from '../../../shared/map/geometry';
import { createMap, maplibregl } from '../../../shared/map/maplibre';
import { useGridShapes, useMapConfig } from '../../../shared/map/map-data';
import { buildPointsMapStyle } from '../../../shared/map/map-style';
import { OPEN_STATUSES, STATUS_HEX, statusLabel } from '../shared/labels';

interface Props {
  tickets: readonly Ticket[];
  onOpen: (id: string) => void;
  height?: number;
}

export default function TicketMap({ tickets, onOpen, height = 600 }: Props) {
  const { t } = useI18n();
  const { can } = useSession();
  const config = useMapConfig();
  const shapes = useGridShapes(undefined, can('grid:read'));
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const latest = useRef(onOpen);
  useEffect(() => {
    latest.current = onOpen;
  });

  const points = useMemo<GeoJSON.FeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: tickets.flatMap((ticket) =>
        ticket.lon !== null && ticket.lat !== null
          ? [
              {
                type: 'Feature' as const,
                properties: {
                  id: ticket.id,
                  label: `${ticket.number} · ${statusLabel(t, ticket.status)} · ${ticket.categoryName}`,
                  color: STATUS_HEX[ticket.status],
                  highlight: ticket.emergency,
                },
                geometry: { type: 'Point' as const, coordinates: [ticket.lon, ticket.lat] },
              },
            ]
          : [],
      ),
    }),
    [tickets, t],
  );

  useEffect(() => {
    const container = containerRef.current;
    if (!config || !container) return;
    const map = createMap({ container, style: buildPointsMapStyle(config, null), center: config.center, zoom: config.zoom }, undefined, { config, audience: 'console' });
    if (!map) {
      setFailed(true);
      return;
    }
    mapRef.current = map;
    const popup: Popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'gg-map-popup', offset: 10 });
    map.on('mousemove', 'point', (event) => {
      const label = event.features?.[0]?.properties?.label;
      map.getCanvas().style.cursor = 'pointer';
      const box = document.createElement('div');
      box.textContent = typeof label === 'string' ? label : '';
      popup.setLngLat(event.lngLat).setDOMContent(box).addTo(map);
    });
    map.on('mouseleave', 'point', () => {
      map.getCanvas().style.cursor = '';
      popup.remove();
    });
    map.on('click', 'point', (event) => {
      const id = event.features?.[0]?.properties?.id;
      if (typeof id === 'string') latest.current(id);
    });
    map.on('load', () => setReady(true));
    return () => {
      popup.remove();
      map.remove();
      mapRef.current = null;
      setReady(false);
    };
  }, [config]);

  // Fit once, to the tickets and the grids; later refreshes keep the user's view.
  const fitted = useRef(false);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !shapes) return;
    (map.getSource('grids') as GeoJSONSource | undefined)?.setData(shapes);
    (map.getSource('points') as GeoJSONSource | undefined)?.setData(points);
    if (fitted.current) return;
    const positions = points.features.flatMap((feature) => (feature.geometry.type === 'Point' ? [feature.geometry.coordinates] : []));
    const bounds = mergeBounds([ringsBounds([positions]), collectionBounds(shapes)]);
    if (bounds) {
      map.fitBounds(bounds, { padding: 48, maxZoom: 16, duration: 0 });
      fitted.current = true;
    }
  }, [ready, shapes, points]);

  return (
    <div style={{ position: 'relative', height, borderRadius: 8, overflow: 'hidden', border: '1px solid #e5e7eb' }}>
      <div
        ref={containerRef}
        data-testid="desk-map"
        data-ready={ready ? 'true' : 'false'}
        data-points={points.features.length}
        data-grids={shapes?.features.length ?? 0}
        style={{ position: 'absolute', inset: 0 }}
      />
      {failed && <Alert type="warning" showIcon title={t('ticket.desk.mapUnavailable')} style={{ position: 'absolute', top: 12, left: 12, right: 12 }} />}
      <div
        data-testid="desk-map-legend"
        style={{
          position: 'absolute',
          right: 12,
          bottom: 28,
          padding: '8px 10px',
          background: 'rgba(255,255,255,0.94)',
          borderRadius: 6,
          boxShadow: '0 1px 4px rgba(0,0,0,0.15)',
          fontSize: 12,
          display: 'flex',
          flexDirection: 'column',
          gap: 4,
        }}
      >
        {OPEN_STATUSES.map((status) => (
          <LegendRow key={status} color={STATUS_HEX[status]} label={statusLabel(t, status)} />
        ))}
        <LegendRow color="#ef4444" label={t('ticket.emergency')} ring />
      </div>
    </div>
  );
}

function LegendRow({ color, label, ring }: { color: string; label: string; ring?: boolean }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
      <span
        style={{
          display: 'inline-block',
          width: 12,
          height: 12,
          borderRadius: '50%',
          background: ring ? 'rgba(239,68,68,0.25)' : color,
          border: ring ? `1.5px solid ${color}` : '1px solid rgba(0,0,0,0.15)',
        }}
      />
      <span>{label}</span>
    </div>
  );
}
