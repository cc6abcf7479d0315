/**
 * The grid map: polygons from /api/grids/geojson, a highlighted selection, a popup with the
 * name on hover, and a simple polygon drawing mode (click vertices, double-click to close).
 */
import { Alert, Button, Space, Typography } from 'antd';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent, MapMouseEvent, Popup } from 'maplibre-gl';
import type { PolygonGeometry } from '@gridgov/contracts';
import type { GridFeatureCollection, MapConfig } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { collectionBounds, polygonFromVertices, type Bounds, type Position } from '../../shared/map/geometry';
import { EMPTY_COLLECTION } from '../../shared/map/map-style';
import { buildStyle, SELECTED_LAYERS } from './map-style';
import { createMap, maplibregl } from '../../shared/map/maplibre';
import { MapTools, useHomeArea } from '../../shared/map/MapTools';
import { CountLayerSwitches, CountLegend, useCountLayers, usePermittedLayers } from '../../shared/map/count-layers';
import { COUNT_LAYERS } from '../../app/map-layers';

const gridIdOf = (p: Record<string, unknown>) => p.id;

export interface GridMapHandle {
  fitTo: (bounds: Bounds) => void;
}

interface Props {
  config: MapConfig;
  data: GridFeatureCollection | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** The boundary in the grid form, drawn over the grids. */
  draft: PolygonGeometry | null;
  drawing: boolean;
  onDrawn: (polygon: PolygonGeometry) => void;
  onDrawCancel: () => void;
  height?: number | string;
  /** Width of a panel covering the right edge of the window (the grid form), kept clear when zooming. */
  coveredRight?: number;
  ref?: Ref<GridMapHandle>;
}

type DraftCollection = GeoJSON.FeatureCollection;

const NO_GRIDS: GridFeatureCollection['features'] = [];

function round(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

function draftFeatures(drawing: boolean, vertices: Position[], draft: PolygonGeometry | null): DraftCollection {
  const points = (positions: readonly (readonly number[])[]): GeoJSON.Feature[] =>
    positions.map((position) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [...position] } }));
  if (drawing) {
    const features: GeoJSON.Feature[] = points(vertices);
    if (vertices.length >= 3) {
      features.push({ type: 'Feature', properties: {}, geometry: polygonFromVertices(vertices) });
    } else if (vertices.length === 2) {
      features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: vertices } });
    }
    return { type: 'FeatureCollection', features };
  }
  if (draft) {
    const outer = draft.coordinates[0] ?? [];
    return {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: draft }, ...points(outer.slice(0, -1))],
    };
  }
  return EMPTY_COLLECTION;
}

export function GridMap(props: Props) {
  const { config, data, selectedId, onSelect, draft, drawing, onDrawn, onDrawCancel, height = 460, coveredRight = 0, ref } = props;
  const { t } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const home = useHomeArea();
  const [vertices, setVertices] = useState<Position[]>([]);
  const fitted = useRef(false);
  // Key persons, open disputes, open warnings per grid: for whoever may see each.
  const layers = usePermittedLayers(COUNT_LAYERS);
  const [layersOn, setLayersOn] = useState<ReadonlySet<string>>(new Set());
  const drawn = useCountLayers({ map: mapRef.current, ready, layers, on: layersOn, grids: data?.features ?? NO_GRIDS, gridOf: gridIdOf });

  // Latest callbacks and modes for the map's event handlers, which are bound once.
  const latest = useRef({ onSelect, onDrawn, onDrawCancel, drawing, vertices, t, coveredRight });
  useEffect(() => {
    latest.current = { onSelect, onDrawn, onDrawCancel, drawing, vertices, t, coveredRight };
  });

  useImperativeHandle(
    ref,
    () => ({
      fitTo: (bounds) => {
        const map = mapRef.current;
        const container = containerRef.current;
        if (!map || !container) return;
        const rect = container.getBoundingClientRect();
        const covered = Math.max(0, rect.right - (window.innerWidth - latest.current.coveredRight));
        const right = Math.min(48 + covered, rect.width * 0.6);
        map.fitBounds(bounds, { padding: { top: 48, bottom: 48, left: 48, right }, maxZoom: 17, duration: 600 });
      },
    }),
    [],
  );

  // Create the map once.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = createMap({
      container,
      style: buildStyle(config),
      center: config.center,
      zoom: config.zoom,
    }, undefined, { config, audience: 'console' });
    if (!map) {
      setFailed(true);
      return;
    }
    mapRef.current = map;

    const popup: Popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'gg-map-popup', offset: 8 });
    const onMove = (event: MapLayerMouseEvent) => {
      if (latest.current.drawing) return;
      const properties = event.features?.[0]?.properties;
      if (!properties) return;
      map.getCanvas().style.cursor = 'pointer';
      const box = document.createElement('div');
      const name = document.createElement('strong');
      name.textContent = String(properties.name ?? '');
      const code = document.createElement('div');
      code.textContent = `${String(properties.code ?? '')} · ${latest.current.t('grids.targetShort', { n: String(properties.targetHouseholds ?? '') })}`;
      box.append(name, code);
      popup.setLngLat(event.lngLat).setDOMContent(box).addTo(map);
    };
    const onLeave = () => {
      if (!latest.current.drawing) map.getCanvas().style.cursor = '';
      popup.remove();
    };
    const onClickGrid = (event: MapLayerMouseEvent) => {
      if (latest.current.drawing) return;
      const id = event.features?.[0]?.properties?.id;
      if (typeof id === 'string') latest.current.onSelect(id);
    };
    map.on('mousemove', 'grid-fill', onMove);
    map.on('mouseleave', 'grid-fill', onLeave);
    map.on('click', 'grid-fill', onClickGrid);
    map.on('load', () => setReady(true));

    return () => {
      popup.remove();
      map.remove();
      mapRef.current = null;
      fitted.current = false;
      setReady(false);
    };
    // Built once per mount: the page renders the map only after the map config has arrived.
  }, []);

  // Grid polygons; fit to them the first time they arrive.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !data) return;
    (map.getSource('grids') as GeoJSONSource | undefined)?.setData(data);
    if (!fitted.current && data.features.length > 0) {
      const bounds = collectionBounds(data);
      if (bounds) map.fitBounds(bounds, { padding: 32, maxZoom: 16, duration: 0 });
      fitted.current = true;
    }
  }, [ready, data]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    for (const layer of SELECTED_LAYERS) map.setFilter(layer, ['==', ['get', 'id'], selectedId ?? '']);
  }, [ready, selectedId]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    (map.getSource('draft') as GeoJSONSource | undefined)?.setData(draftFeatures(drawing, vertices, draft));
  }, [ready, drawing, vertices, draft]);

  // Drawing mode: click adds a vertex, double-click closes, Backspace undoes, Escape cancels.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !drawing) return;
    setVertices([]);
    map.doubleClickZoom.disable();
    map.getCanvas().style.cursor = 'crosshair';
    const onClick = (event: MapMouseEvent) => {
      setVertices((current) => {
        const last = current[current.length - 1];
        // The clicks of a double-click land on the last vertex: ignore them.
        if (last && map.project(last).dist(event.point) < 6) return current;
        return [...current, [round(event.lngLat.lng), round(event.lngLat.lat)]];
      });
    };
    const onDoubleClick = (event: MapMouseEvent) => {
      event.preventDefault();
      finish();
    };
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA'].includes(target.tagName)) return;
      if (event.key === 'Escape') latest.current.onDrawCancel();
      if (event.key === 'Backspace') setVertices((current) => current.slice(0, -1));
    };
    map.on('click', onClick);
    map.on('dblclick', onDoubleClick);
    window.addEventListener('keydown', onKey);
    return () => {
      map.off('click', onClick);
      map.off('dblclick', onDoubleClick);
      window.removeEventListener('keydown', onKey);
      map.getCanvas().style.cursor = '';
      // Re-enable after the double-click that closed the polygon has passed.
      setTimeout(() => map.doubleClickZoom.enable(), 300);
    };
  }, [ready, drawing]);

  function finish() {
    const current = latest.current.vertices;
    if (current.length < 3) return;
    latest.current.onDrawn(polygonFromVertices(current));
  }

  return (
    <div style={{ position: 'relative', height, borderRadius: 8, overflow: 'hidden', border: '1px solid #e5e7eb' }}>
      <div
        ref={containerRef}
        data-testid="grid-map"
        data-ready={ready ? 'true' : 'false'}
        data-drawing={drawing ? 'true' : 'false'}
        data-feature-count={data?.features.length ?? 0}
        style={{ position: 'absolute', inset: 0 }}
      />
      {failed && (
        <Alert type="warning" showIcon title={t('grids.mapUnavailable')} style={{ position: 'absolute', top: 12, left: 12, right: 12 }} />
      )}
      {ready && !drawing && <MapTools map={mapRef.current} audience="console" home={home} testId="grid-map-tools" />}
      {ready && !drawing && layers.length > 0 && (
        <div
          data-testid="grid-map-layers"
          style={{ position: 'absolute', left: 10, bottom: 40, maxWidth: 'calc(100% - 80px)', padding: '6px 8px', background: 'rgba(255,255,255,0.94)', borderRadius: 6, boxShadow: '0 1px 4px rgba(0,0,0,0.15)' }}
        >
          <Space size={4} wrap>
            <CountLayerSwitches layers={layers} on={layersOn} onToggle={(key, on) => setLayersOn((current) => { const next = new Set(current); if (on) next.add(key); else next.delete(key); return next; })} />
          </Space>
          <CountLegend layers={layers} on={layersOn} drawn={drawn} />
        </div>
      )}
      {drawing && (
        <div
          data-testid="grid-draw-panel"
          style={{
            position: 'absolute',
            top: 12,
            left: 12,
            padding: '8px 12px',
            background: 'rgba(255,255,255,0.95)',
            borderRadius: 6,
            boxShadow: '0 1px 4px rgba(0,0,0,0.15)',
          }}
        >
          <Typography.Text>{t('grids.drawHint', { n: vertices.length })}</Typography.Text>
          <Space size="small" style={{ marginInlineStart: 12 }}>
            <Button size="small" disabled={vertices.length === 0} onClick={() => setVertices((v) => v.slice(0, -1))}>
              {t('grids.drawUndo')}
            </Button>
            <Button size="small" type="primary" disabled={vertices.length < 3} onClick={finish} data-testid="grid-draw-finish">
              {t('grids.drawFinish')}
            </Button>
            <Button size="small" onClick={onDrawCancel}>
              {t('common.cancel')}
            </Button>
          </Space>
        </div>
      )}
    </div>
  );
}
