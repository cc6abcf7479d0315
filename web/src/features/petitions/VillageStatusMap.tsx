/**
 * The map layer of the no-petition villages: the grid outlines of the scope (grids tile their
 * communities exactly), each filled by its village's status for the month: green 达标, red
 * 未达标, grey not assessed. Hovering names the village and its status; clicking opens it.
 */
import { Alert } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { GeoJSONSource, Map as MapLibreMap, Popup, StyleSpecification } from 'maplibre-gl';
import type { VillageMonth } from '@gridgov/contracts';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { collectionBounds } from '../../shared/map/geometry';
import { createMap, maplibregl } from '../../shared/map/maplibre';
import { useGridShapes, useMapConfig } from '../../shared/map/map-data';
import { basemapLabelLayers, basemapSourcesFor, basemapUnderLayers } from '../../shared/map/basemap';
import { EMPTY_COLLECTION } from '../../shared/map/map-style';
import type { MapConfig } from '../../api/types';
import { STATUS_COLORS } from './village-colors';


function style(config: Pick<MapConfig, 'tileUrl' | 'labelTileUrl'>): StyleSpecification {
  return {
    version: 8,
    sources: { ...basemapSourcesFor(config), grids: { type: 'geojson', data: EMPTY_COLLECTION } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef1f5' } },
      ...basemapUnderLayers(config),
      { id: 'village-fill', type: 'fill', source: 'grids', paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.55 } },
      { id: 'grid-outline', type: 'line', source: 'grids', paint: { 'line-color': '#334155', 'line-width': 0.8 } },
      ...basemapLabelLayers(config, 'grids'),
    ],
  };
}

interface Props {
  items: readonly VillageMonth[];
  onOpen: (code: string) => void;
  height?: number;
}

export default function VillageStatusMap({ items, onOpen, height = 560 }: Props) {
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

  const coloured = useMemo<GeoJSON.FeatureCollection | null>(() => {
    if (!shapes) return null;
    const byCode = new Map(items.map((i) => [i.regionCode, i]));
    return {
      type: 'FeatureCollection',
      features: shapes.features.map((f) => {
        const v = byCode.get(f.properties.regionCode);
        const status = v?.status ?? 'none';
        return {
          ...f,
          properties: {
            ...f.properties,
            code: f.properties.regionCode,
            color: STATUS_COLORS[status],
            label: v ? `${v.regionName} · ${t(`petition.status.${v.status}`)}` : `${f.properties.name} · ${t('petition.notAssessed')}`,
          },
        } as GeoJSON.Feature;
      }),
    };
  }, [shapes, items, t]);

  useEffect(() => {
    const container = containerRef.current;
    if (!config || !container) return;
    const map = createMap({ container, style: style(config), center: config.center, zoom: config.zoom }, undefined, { config, audience: 'console' });
    if (!map) {
      setFailed(true);
      return;
    }
    mapRef.current = map;
    const popup: Popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'gg-map-popup', offset: 10 });
    map.on('mousemove', 'village-fill', (event) => {
      const label = event.features?.[0]?.properties?.label;
      map.getCanvas().style.cursor = 'pointer';
      const box = document.createElement('div');
      box.textContent = typeof label === 'string' ? label : '';
      popup.setLngLat(event.lngLat).setDOMContent(box).addTo(map);
    });
    map.on('mouseleave', 'village-fill', () => {
      map.getCanvas().style.cursor = '';
      popup.remove();
    });
    map.on('click', 'village-fill', (event) => {
      const code = event.features?.[0]?.properties?.code;
      if (typeof code === 'string') latest.current(code);
    });
    map.on('load', () => setReady(true));
    return () => {
      popup.remove();
      map.remove();
      mapRef.current = null;
      setReady(false);
    };
  }, [config]);

  const fitted = useRef(false);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !coloured) return;
    (map.getSource('grids') as GeoJSONSource | undefined)?.setData(coloured);
    if (fitted.current) return;
    const bounds = collectionBounds(coloured as Parameters<typeof collectionBounds>[0]);
    if (bounds) {
      map.fitBounds(bounds, { padding: 32, maxZoom: 15, duration: 0 });
      fitted.current = true;
    }
  }, [ready, coloured]);

  const counts = { met: items.filter((i) => i.status === 'met').length, not_met: items.filter((i) => i.status === 'not_met').length };
  return (
    <div style={{ position: 'relative', height, borderRadius: 8, overflow: 'hidden', border: '1px solid #e5e7eb' }}>
      <div
        ref={containerRef}
        data-testid="petitions-map"
        data-ready={ready ? 'true' : 'false'}
        data-grids={coloured?.features.length ?? 0}
        data-met={counts.met}
        data-not-met={counts.not_met}
        style={{ position: 'absolute', inset: 0 }}
      />
      {failed && <Alert type="warning" showIcon title={t('petition.mapUnavailable')} style={{ position: 'absolute', top: 12, left: 12, right: 12 }} />}
      <div data-testid="petitions-map-legend" style={{ position: 'absolute', right: 12, bottom: 28, padding: '8px 10px', background: 'rgba(255,255,255,0.94)', borderRadius: 6, boxShadow: '0 1px 4px rgba(0,0,0,0.15)', fontSize: 12, display: 'flex', flexDirection: 'column', gap: 4 }}>
        {(['met', 'not_met', 'none'] as const).map((s) => (
          <div key={s} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
            <span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 2, background: STATUS_COLORS[s], opacity: 0.8 }} />
            <span>{s === 'none' ? t('petition.notAssessed') : `${t(`petition.status.${s}`)} (${counts[s]})`}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
