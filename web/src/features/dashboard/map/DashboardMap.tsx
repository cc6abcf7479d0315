/**
 * The dashboard map, on the MapLibre setup of the grid map (CSP build with its worker URL set in
 * shared/map/maplibre): the place's grids shaded by residents, fitted to the place's bounds,
 * and the point layers the user switches on — open tickets (points, heatmap), overdue tickets,
 * key places and facilities. Clicking a grid selects it (the page shows its card); hovering shows
 * names. The current view is exposed as `data-bounds` for the browser tests.
 */
import { Alert, Tag } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent, Popup } from 'maplibre-gl';
import type { DashboardMap as DashboardMapData, DashboardPointLayer, DashboardPoints } from '@gridgov/contracts';
import { useI18n } from '../../../i18n/i18n';
import { collectionBounds, type Bounds } from '../../../shared/map/geometry';
import { createMap, maplibregl } from '../../../shared/map/maplibre';
import { useMapConfig } from '../../../shared/map/map-data';
import { CountLayerSwitches, CountLegend, useCountLayers, usePermittedLayers } from '../../../shared/map/count-layers';
import { COUNT_LAYERS } from '../../../app/map-layers';
import { formatCount } from '../format';
import { useLook } from '../look';
import type { Resource } from '../use-dashboard';
import {
  buildDashboardStyle,
  choroplethColors,
  choroplethFill,
  MAP_TOGGLES,
  POINT_COLORS,
  POINT_LAYERS,
  residentSteps,
  TOGGLE_LAYERS,
  TOGGLE_SOURCE,
  type MapToggle,
} from './dashboard-map-style';

export type PointResources = Record<DashboardPointLayer, Resource<DashboardPoints>>;

interface Props {
  map: Resource<DashboardMapData>;
  /** The place shown: the map fits again when it changes. */
  placeKey: string;
  points: PointResources;
  toggles: ReadonlySet<MapToggle>;
  onToggle: (toggle: MapToggle, on: boolean) => void;
  selectedGridId: string | null;
  onSelectGrid: (gridId: string | null) => void;
  /** Shown over the map's lower left corner (the selected grid's card). */
  overlay?: ReactNode;
}

const POINT_SOURCES: readonly DashboardPointLayer[] = ['open', 'overdue', 'places', 'facilities'];
const gridIdOf = (p: Record<string, unknown>) => p.gridId;
const NO_GRIDS: DashboardMapData['grids']['features'] = [];

function pointCollection(points: DashboardPoints | null): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: (points?.points ?? []).map((point) => ({
      type: 'Feature' as const,
      properties: { id: point.id, label: point.label, emergency: point.emergency },
      geometry: { type: 'Point' as const, coordinates: [point.lon, point.lat] },
    })),
  };
}

function boundsOf(data: DashboardMapData): Bounds | null {
  if (data.bounds) {
    const [west, south, east, north] = data.bounds;
    return [
      [west, south],
      [east, north],
    ];
  }
  return collectionBounds(data.grids);
}

export function DashboardMap({ map: mapData, placeKey, points, toggles, onToggle, selectedGridId, onSelectGrid, overlay }: Props) {
  const { t, locale } = useI18n();
  const { big } = useLook();
  const config = useMapConfig();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const [view, setView] = useState('');
  /** The place the view was last fitted to (set when the fitting move ends). */
  const [fitted, setFitted] = useState<string | null>(null);
  const fittedKey = useRef<string | null>(null);
  const pendingFit = useRef<string | null>(null);

  const latest = useRef({ onSelectGrid, t, locale });
  useEffect(() => {
    latest.current = { onSelectGrid, t, locale };
  });

  // Create the map once the settings are known; the look (dark or light) is fixed per mount.
  useEffect(() => {
    const container = containerRef.current;
    if (!config || !container) return;
    const map = createMap({ container, style: buildDashboardStyle(config.tileUrl, big), center: config.center, zoom: config.zoom }, 'bottom-right');
    if (!map) {
      setFailed(true);
      return;
    }
    mapRef.current = map;
    const popup: Popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'gg-map-popup', offset: 10 });

    const pick = (event: MapMouseEvent) => {
      const layers = [...POINT_LAYERS, 'grid-fill'].filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
      return map.queryRenderedFeatures(event.point, { layers })[0];
    };
    const onMove = (event: MapMouseEvent) => {
      const feature = pick(event);
      if (!feature) {
        map.getCanvas().style.cursor = '';
        popup.remove();
        return;
      }
      map.getCanvas().style.cursor = 'pointer';
      const { t: tr, locale: lc } = latest.current;
      const p = feature.properties;
      const box = document.createElement('div');
      if (feature.layer.id === 'grid-fill') {
        const name = document.createElement('strong');
        name.textContent = String(p.name ?? '');
        const figures = document.createElement('div');
        figures.textContent = `${tr('dashboard.grid.residents')} ${formatCount(Number(p.residents ?? 0), lc)} · ${tr('dashboard.grid.open')} ${formatCount(
          Number(p.openTickets ?? 0),
          lc,
        )} · ${tr('dashboard.grid.overdue')} ${formatCount(Number(p.overdueTickets ?? 0), lc)}`;
        box.append(name, figures);
      } else {
        box.textContent = String(p.label ?? '');
      }
      popup.setLngLat(event.lngLat).setDOMContent(box).addTo(map);
    };
    // A click selects the grid under it, whether or not a point lies on top.
    const onClick = (event: MapMouseEvent) => {
      const gridId = map.queryRenderedFeatures(event.point, { layers: ['grid-fill'] })[0]?.properties.gridId;
      if (typeof gridId === 'string') latest.current.onSelectGrid(gridId);
    };
    const onOut = () => {
      map.getCanvas().style.cursor = '';
      popup.remove();
    };
    const onMoveEnd = () => {
      const b = map.getBounds();
      setView([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => n.toFixed(6)).join(','));
      if (pendingFit.current !== null) {
        setFitted(pendingFit.current);
        pendingFit.current = null;
      }
    };
    map.on('mousemove', onMove);
    map.on('mouseout', onOut);
    map.on('click', onClick);
    map.on('moveend', onMoveEnd);
    map.on('load', () => {
      onMoveEnd();
      setReady(true);
    });
    return () => {
      popup.remove();
      map.remove();
      mapRef.current = null;
      fittedKey.current = null;
      pendingFit.current = null;
      setFitted(null);
      setReady(false);
    };
  }, [config, big]);

  // Grids and their shading; fit to the place when it is new.
  const data = mapData.data;
  const steps = useMemo(() => residentSteps((data?.grids.features ?? []).map((f) => f.properties.residents)), [data]);
  const legendRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !data) return;
    (map.getSource('grids') as GeoJSONSource | undefined)?.setData(data.grids as GeoJSON.FeatureCollection);
    (map.getSource('outlines') as GeoJSONSource | undefined)?.setData(data.outlines as GeoJSON.FeatureCollection);
    map.setPaintProperty('grid-fill', 'fill-color', choroplethFill(steps, big));
    if (fittedKey.current !== placeKey) {
      const bounds = boundsOf(data);
      pendingFit.current = placeKey;
      // The legend sits over the bottom-right corner: keep the polygons clear of it.
      const legendWidth = legendRef.current?.offsetWidth ?? 0;
      if (bounds) map.fitBounds(bounds, { padding: { top: 40, bottom: 40, left: 40, right: 40 + legendWidth }, maxZoom: 16, duration: fittedKey.current === null ? 0 : 500 });
      else setFitted(placeKey);
      fittedKey.current = placeKey;
    }
  }, [ready, data, placeKey, steps, big]);

  const open = points.open.data;
  const overdue = points.overdue.data;
  const places = points.places.data;
  const facilities = points.facilities.data;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const byLayer: Record<DashboardPointLayer, DashboardPoints | null> = { open, overdue, places, facilities };
    for (const layer of POINT_SOURCES) (map.getSource(layer) as GeoJSONSource | undefined)?.setData(pointCollection(byLayer[layer]));
  }, [ready, open, overdue, places, facilities]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    for (const toggle of MAP_TOGGLES) {
      for (const layer of TOGGLE_LAYERS[toggle]) map.setLayoutProperty(layer, 'visibility', toggles.has(toggle) ? 'visible' : 'none');
    }
  }, [ready, toggles]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    map.setFilter('grid-selected', ['==', ['get', 'gridId'], selectedGridId ?? '']);
  }, [ready, selectedGridId]);

  // Key persons, open disputes, open warnings per grid: for whoever may see each.
  const countLayers = usePermittedLayers(COUNT_LAYERS);
  const [countsOn, setCountsOn] = useState<ReadonlySet<string>>(new Set());
  const countsDrawn = useCountLayers({ map: mapRef.current, ready, layers: countLayers, on: countsOn, grids: data?.grids.features ?? NO_GRIDS, gridOf: gridIdOf, stroke: big ? '#0b1730' : '#ffffff' });

  const truncated = MAP_TOGGLES.filter((toggle) => toggles.has(toggle) && toggle !== 'heat').flatMap((toggle) => {
    const answer = points[TOGGLE_SOURCE[toggle]].data;
    return answer?.truncated ? [t('dashboard.map.truncated', { layer: t(`dashboard.layer.${toggle}`), n: formatCount(answer.limit, locale) })] : [];
  });
  const colors = choroplethColors(big);
  const pointCounts = Object.fromEntries(POINT_SOURCES.map((layer) => [`data-points-${layer}`, points[layer].data?.points.length ?? 0]));

  return (
    <div className="gg-map">
      <div
        ref={containerRef}
        className="gg-map-canvas"
        data-testid="dashboard-map"
        data-ready={ready ? 'true' : 'false'}
        data-grids={data?.grids.features.length ?? 0}
        data-place={placeKey}
        data-fitted={fitted === placeKey ? 'true' : 'false'}
        data-bounds={view}
        {...pointCounts}
      />
      {failed && <Alert type="warning" showIcon title={t('dashboard.map.unavailable')} className="gg-map-alert" />}
      {data && data.grids.features.length === 0 && !failed && <div className="gg-map-note">{t('dashboard.map.noGrids')}</div>}
      <div className="gg-map-toggles" data-testid="map-layers">
        {MAP_TOGGLES.map((toggle) => (
          <Tag.CheckableTag
            key={toggle}
            checked={toggles.has(toggle)}
            onChange={(on) => onToggle(toggle, on)}
            data-testid={`layer-${toggle}`}
            data-checked={toggles.has(toggle) ? 'true' : 'false'}
          >
            <span className="gg-dot" style={{ background: POINT_COLORS[toggle] }} />
            {t(`dashboard.layer.${toggle}`)}
          </Tag.CheckableTag>
        ))}
        <CountLayerSwitches layers={countLayers} on={countsOn} onToggle={(key, on) => setCountsOn((current) => { const next = new Set(current); if (on) next.add(key); else next.delete(key); return next; })} />
      </div>
      <div className="gg-map-legend" data-testid="map-legend" ref={legendRef}>
        <div className="gg-map-legend-title">{t('dashboard.map.residents')}</div>
        <div className="gg-map-legend-scale">
          {steps.map((step, index) => (
            <div key={step} className="gg-map-legend-step">
              <span style={{ background: colors[index] }} />
              <em>{formatCount(step, locale)}</em>
            </div>
          ))}
        </div>
        <CountLegend layers={countLayers} on={countsOn} drawn={countsDrawn} />
        {truncated.map((line) => (
          <div key={line} className="gg-map-legend-note">
            {line}
          </div>
        ))}
      </div>
      {overlay && <div className="gg-map-overlay">{overlay}</div>}
    </div>
  );
}
