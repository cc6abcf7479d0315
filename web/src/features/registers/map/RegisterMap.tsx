/**
 * The map view of a register, on the MapLibre setup of the grid map (CSP build, worker URL set
 * in shared/map/maplibre). Points for buildings, venues (key places ringed), facilities (by
 * type or status) and organisations; residents per grid as a choropleth. Clicking a point opens
 * its record; clicking a grid of the residents map lists that grid's residents.
 */
import { Alert, Segmented, Space, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent, Popup } from 'maplibre-gl';
import type { RegisterKind } from '@gridgov/contracts';
import { useSession } from '../../../app/session';
import { registerKeys } from '../../../api/keys';
import { registerQueries, registersApi, type RegisterFilters, type RegisterPoints } from '../../../api/registers';
import type { GridFeatureCollection, MapConfig } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { collectionBounds, ringsBounds, type Bounds } from '../../../shared/map/geometry';
import { createMap, maplibregl } from '../../../shared/map/maplibre';
import { enumLabel, ENUMS, type EnumName } from '../shared/labels';
import { buildPointsMapStyle, CHOROPLETH_COLORS, EMPTY_COLLECTION, PALETTE, quantileSteps } from '../../../shared/map/map-style';
import { useGridShapes, useMapConfig } from '../../../shared/map/map-data';

interface Props {
  kind: RegisterKind;
  mode: 'points' | 'choropleth';
  filters: RegisterFilters;
  slug: string;
  onOpen: (id: string) => void;
  onGrid: (gridId: string) => void;
}

const KIND_ENUM: Partial<Record<RegisterKind, EnumName>> = {
  building: 'buildingKind',
  venue: 'venueKind',
  facility: 'facilityKind',
  organization: 'organizationKind',
};

type ColorBy = 'kind' | 'status';

const NO_EXTRAS = new Map<string, string>();

const FACILITY_STATUS_COLORS: Record<string, string> = { normal: '#16a34a', damaged: '#f59e0b', missing: '#dc2626', offline: '#6b7280' };

/** Venues that are key places, or facilities by status: read from the list (points carry neither). */
async function pointExtras(kind: RegisterKind, filters: RegisterFilters, signal: AbortSignal): Promise<Map<string, string>> {
  const base = { region: filters.region, gridId: filters.gridId, kind: filters.kind, pageSize: 200 };
  const extras = new Map<string, string>();
  if (kind === 'venue') {
    const page = await registersApi.list('venue', { ...base, keyPlace: 'true' }, signal);
    for (const venue of page.items) extras.set(venue.id, 'key');
  } else if (kind === 'facility') {
    const statuses = ENUMS.facilityStatus.filter((status) => status !== 'normal');
    const pages = await Promise.all(statuses.map((status) => registersApi.list('facility', { ...base, status }, signal)));
    for (const page of pages) for (const facility of page.items) extras.set(facility.id, facility.status);
  }
  return extras;
}

/** Filters the points endpoint does not take (it filters by region, grid and kind only). */
function listOnlyFilters(filters: RegisterFilters): boolean {
  return Boolean(filters.q || filters.keyPlace || filters.status || filters.tag || filters.idNumber || filters.phone || filters.buildingId);
}

const MATCH_PAGES = 5;
const MATCH_PAGE_SIZE = 200;

/** Ids of the records matching the list filters (up to 1,000), to keep only their points. */
async function matchingIds(kind: RegisterKind, filters: RegisterFilters, signal: AbortSignal): Promise<{ ids: Set<string>; complete: boolean }> {
  const ids = new Set<string>();
  for (let page = 1; page <= MATCH_PAGES; page++) {
    const found = await registersApi.list(kind, { ...filters, page, pageSize: MATCH_PAGE_SIZE }, signal);
    for (const record of found.items) ids.add(record.id);
    if (page * MATCH_PAGE_SIZE >= found.total) return { ids, complete: true };
  }
  return { ids, complete: false };
}

/** The points of a register that match the list filters (the points endpoint takes only region, grid and kind). */
async function matchingPoints(kind: RegisterKind, filters: RegisterFilters, signal: AbortSignal): Promise<RegisterPoints> {
  const matching = listOnlyFilters(filters) ? matchingIds(kind, filters, signal) : Promise.resolve(null);
  const [all, match] = await Promise.all([registersApi.points(kind, { region: filters.region, gridId: filters.gridId, kind: filters.kind }, signal), matching]);
  return match ? { items: all.items.filter((point) => match.ids.has(point.id)), truncated: all.truncated || !match.complete } : all;
}

export default function RegisterMap({ kind, mode, filters, slug, onOpen, onGrid }: Props) {
  const { t } = useI18n();
  const { can } = useSession();
  const config = useMapConfig();
  const shapes = useGridShapes(filters.region, can('grid:read'));
  const [colorBy, setColorBy] = useState<ColorBy>('kind');
  const kindEnum = KIND_ENUM[kind];
  const pointMode = mode === 'points';

  const countsAnswer = useQuery({ ...registerQueries.gridCounts(filters.region), enabled: !pointMode }).data;
  const counts = useMemo(() => (countsAnswer ? new Map(countsAnswer.items.map((item) => [item.gridId, item.count])) : null), [countsAnswer]);
  const points =
    useQuery({
      queryKey: registerKeys.points(kind, { ...filters, matching: true }),
      queryFn: ({ signal }) => matchingPoints(kind, filters, signal),
      enabled: pointMode,
    }).data ?? null;
  // Key places and facility statuses colour the points; without them the points still show.
  const extras =
    useQuery({
      queryKey: registerKeys.points(kind, { ...filters, extras: true }),
      queryFn: ({ signal }) => pointExtras(kind, filters, signal),
      enabled: pointMode,
      meta: { silent: true },
    }).data ?? NO_EXTRAS;

  const grids = useMemo<GridFeatureCollection | null>(() => {
    if (!shapes) return null;
    const features = shapes.features
      .filter((feature) => !filters.gridId || feature.properties.id === filters.gridId)
      .map((feature) => ({ ...feature, properties: { ...feature.properties, count: counts?.get(feature.properties.id) ?? 0 } }));
    return { type: 'FeatureCollection', features };
  }, [shapes, counts, filters.gridId]);

  const pointData = useMemo<GeoJSON.FeatureCollection>(() => {
    if (!points) return EMPTY_COLLECTION;
    const kinds: readonly string[] = kindEnum ? ENUMS[kindEnum] : [];
    return {
      type: 'FeatureCollection',
      features: points.items.map((point) => {
        const extra = extras.get(point.id);
        const status = kind === 'facility' ? (extra ?? 'normal') : null;
        const index = Math.max(0, kinds.indexOf(point.kind));
        const color = status && colorBy === 'status' ? (FACILITY_STATUS_COLORS[status] ?? PALETTE[9]) : PALETTE[index % PALETTE.length];
        const highlight = kind === 'venue' ? extra === 'key' : kind === 'facility' ? status !== 'normal' : false;
        return {
          type: 'Feature',
          properties: { id: point.id, name: point.name, kind: point.kind, color, highlight, status },
          geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
        };
      }),
    };
  }, [points, extras, kind, kindEnum, colorBy]);

  const steps = useMemo(() => (mode === 'choropleth' ? quantileSteps(counts ? [...counts.values()] : []) : null), [mode, counts]);
  const total = counts ? [...counts.values()].reduce((sum, n) => sum + n, 0) : 0;

  const legend =
    mode === 'choropleth' ? (
      <>
        <Typography.Text strong>{t('reg.map.legendResidents')}</Typography.Text>
        {steps?.map((bound, index) => {
          const next = steps[index + 1];
          const label = index === 0 ? (next === 1 ? '0' : `0–${(next ?? 1) - 1}`) : next ? `${bound}–${next - 1}` : `≥ ${bound}`;
          return <LegendRow key={bound} color={CHOROPLETH_COLORS[index] ?? '#fff'} label={label} square />;
        })}
        <Typography.Text type="secondary">{t('reg.map.total', { n: total })}</Typography.Text>
      </>
    ) : kind === 'facility' && colorBy === 'status' ? (
      ENUMS.facilityStatus.map((status) => <LegendRow key={status} color={FACILITY_STATUS_COLORS[status] ?? '#999'} label={enumLabel(t, 'facilityStatus', status)} />)
    ) : (
      <>
        {kindEnum &&
          ENUMS[kindEnum]
            .map((value, index) => ({ value, index }))
            .filter(({ value }) => points?.items.some((point) => point.kind === value))
            .map(({ value, index }) => <LegendRow key={value} color={PALETTE[index % PALETTE.length] ?? '#999'} label={enumLabel(t, kindEnum, value)} />)}
        {kind === 'venue' && <LegendRow color="#ef4444" label={t('reg.map.keyPlace')} ring />}
        {kind === 'facility' && <LegendRow color="#ef4444" label={t('reg.map.abnormal')} ring />}
      </>
    );

  if (!config || !grids) return <Spin style={{ display: 'block', margin: '120px auto' }} />;
  return (
    <div data-testid={`${slug}-map-view`}>
      <Space style={{ marginBottom: 8, width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text type="secondary">
          {mode === 'choropleth' ? t('reg.map.gridHint') : `${t('reg.map.points', { n: points?.items.length ?? 0 })} · ${t('reg.map.clickHint')}`}
        </Typography.Text>
        {kind === 'facility' && (
          <Space>
            <Typography.Text>{t('reg.map.colorBy')}</Typography.Text>
            <Segmented<ColorBy>
              size="small"
              value={colorBy}
              onChange={setColorBy}
              options={[
                { value: 'kind', label: t('reg.map.byKind') },
                { value: 'status', label: t('reg.map.byStatus') },
              ]}
            />
          </Space>
        )}
      </Space>
      {points?.truncated && <Alert type="warning" showIcon title={t('reg.map.truncated', { n: points.items.length })} style={{ marginBottom: 8 }} />}
      {mode === 'points' && points && points.items.length === 0 && (
        <Alert type="info" showIcon title={t('reg.map.noPoints')} style={{ marginBottom: 8 }} data-testid={`${slug}-map-empty`} />
      )}
      <MapCanvas
        config={config}
        grids={grids}
        points={pointData}
        steps={steps}
        slug={slug}
        onPoint={onOpen}
        onGrid={mode === 'choropleth' ? onGrid : null}
        legend={legend}
        gridLabel={(name, count) => (mode === 'choropleth' ? `${name} · ${t('reg.map.residents', { n: count })}` : name)}
        pointLabel={(name, pointKind) => (kindEnum ? `${name} · ${enumLabel(t, kindEnum, pointKind)}` : name)}
      />
    </div>
  );
}

function LegendRow({ color, label, square, ring }: { color: string; label: string; square?: boolean; ring?: boolean }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
      <span
        style={{
          display: 'inline-block',
          width: 12,
          height: 12,
          borderRadius: square ? 2 : '50%',
          background: ring ? 'rgba(239,68,68,0.25)' : color,
          border: ring ? `1.5px solid ${color}` : '1px solid rgba(0,0,0,0.15)',
        }}
      />
      <span>{label}</span>
    </div>
  );
}

interface CanvasProps {
  config: MapConfig;
  grids: GridFeatureCollection;
  points: GeoJSON.FeatureCollection;
  steps: number[] | null;
  slug: string;
  onPoint: (id: string) => void;
  onGrid: ((gridId: string) => void) | null;
  legend: ReactNode;
  gridLabel: (name: string, count: number) => string;
  pointLabel: (name: string, kind: string) => string;
}

function pointBounds(points: GeoJSON.FeatureCollection): Bounds | null {
  const positions = points.features.flatMap((feature) => (feature.geometry.type === 'Point' ? [feature.geometry.coordinates] : []));
  return ringsBounds([positions]);
}

function MapCanvas({ config, grids, points, steps, slug, onPoint, onGrid, legend, gridLabel, pointLabel }: CanvasProps) {
  const { t } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const latest = useRef({ onPoint, onGrid, gridLabel, pointLabel });
  useEffect(() => {
    latest.current = { onPoint, onGrid, gridLabel, pointLabel };
  });
  const stepsKey = steps?.join(',') ?? '';

  // The map, once; a new choropleth scale rebuilds the style.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = createMap({
      container,
      style: buildPointsMapStyle(config, steps),
      center: config.center,
      zoom: config.zoom,
    }, undefined, { config, audience: 'console' });
    if (!map) {
      setFailed(true);
      return;
    }
    mapRef.current = map;
    const popup: Popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'gg-map-popup', offset: 10 });
    const show = (event: MapLayerMouseEvent, text: string) => {
      map.getCanvas().style.cursor = 'pointer';
      const box = document.createElement('div');
      box.textContent = text;
      popup.setLngLat(event.lngLat).setDOMContent(box).addTo(map);
    };
    const hide = () => {
      map.getCanvas().style.cursor = '';
      popup.remove();
    };
    let overPoint = false;
    map.on('mousemove', 'point', (event) => {
      overPoint = true;
      const p = event.features?.[0]?.properties;
      if (p) show(event, latest.current.pointLabel(String(p.name ?? ''), String(p.kind ?? '')));
    });
    map.on('mouseleave', 'point', () => {
      overPoint = false;
      hide();
    });
    map.on('mousemove', 'grid-fill', (event) => {
      if (overPoint) return;
      const p = event.features?.[0]?.properties;
      if (!p) return;
      if (latest.current.onGrid) show(event, latest.current.gridLabel(String(p.name ?? ''), Number(p.count ?? 0)));
    });
    map.on('mouseleave', 'grid-fill', () => {
      if (!overPoint) hide();
    });
    map.on('click', (event) => {
      const hit = map.queryRenderedFeatures(event.point, { layers: ['point'] })[0];
      const id = hit?.properties?.id;
      if (typeof id === 'string') {
        latest.current.onPoint(id);
        return;
      }
      const grid = map.queryRenderedFeatures(event.point, { layers: ['grid-fill'] })[0];
      const gridId = grid?.properties?.id;
      if (typeof gridId === 'string') latest.current.onGrid?.(gridId);
    });
    map.on('load', () => setReady(true));
    return () => {
      popup.remove();
      map.remove();
      mapRef.current = null;
      setReady(false);
    };
    // Rebuilt for a new tile source or a new choropleth scale only.
  }, [config, stepsKey]);

  const fitted = useRef(false);
  const legendRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    (map.getSource('grids') as GeoJSONSource | undefined)?.setData(grids);
    (map.getSource('points') as GeoJSONSource | undefined)?.setData(points);
    // The points when there are some (a single one lands in the middle), else the grids.
    const bounds = pointBounds(points) ?? collectionBounds(grids);
    if (bounds) {
      // The legend sits over the bottom-right corner: keep the polygons clear of it.
      const legendWidth = legendRef.current?.offsetWidth ?? 0;
      map.fitBounds(bounds, { padding: { top: 64, bottom: 64, left: 64, right: 64 + legendWidth }, maxZoom: 16, duration: fitted.current ? 400 : 0 });
      fitted.current = true;
    }
  }, [ready, grids, points]);

  return (
    <div style={{ position: 'relative', height: 560, borderRadius: 8, overflow: 'hidden', border: '1px solid #e5e7eb' }}>
      <div
        ref={containerRef}
        data-testid={`${slug}-map`}
        data-ready={ready ? 'true' : 'false'}
        data-points={points.features.length}
        data-grids={grids.features.length}
        style={{ position: 'absolute', inset: 0 }}
      />
      {failed && <Alert type="warning" showIcon title={t('record.map.unavailable')} style={{ position: 'absolute', top: 12, left: 12, right: 12 }} />}
      <div
        ref={legendRef}
        data-testid={`${slug}-map-legend`}
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
          maxHeight: 260,
          overflow: 'auto',
        }}
      >
        {legend}
      </div>
    </div>
  );
}
