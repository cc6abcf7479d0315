/**
 * Count layers: a figure per grid (key persons, open disputes, open warnings) drawn as a circle
 * on the grid, sized by the count, never a person's or a record's own point. A feature defines
 * its layer (`CountLayerSpec`: what permission shows it, how its counts load, scoped by the
 * server like its list) and `app/map-layers.ts` lists them; a map takes the list and gets the
 * switches, the circles with a popup, and the legend lines. Layers whose permission the user
 * lacks are neither offered nor loaded.
 */
import { useQueries } from '@tanstack/react-query';
import { Tag } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import type { CircleLayerSpecification, GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent, Popup } from 'maplibre-gl';
import type { MessageKey } from '../../i18n/i18n';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../app/session';
import { holds, type Need } from '../permissions';
import { labelPoint } from './geometry';
import { maplibregl } from './maplibre';
import { EMPTY_COLLECTION } from './map-style';

/** One grid's figure: the count drawn, and more figures named in the popup. */
export interface GridFigure {
  gridId: string;
  count: number;
  more: Partial<Record<string, number>>;
}

export interface CountLayerSpec {
  /** Test ids `layer-<key>`, sources and layers `count-<key>`. */
  key: string;
  needs: Need;
  color: string;
  label: MessageKey;
  /** Labels of the `more` figures shown in the popup. */
  more: Record<string, MessageKey>;
  queryKey: readonly unknown[];
  load: (signal: AbortSignal) => Promise<GridFigure[]>;
}

/** A grid polygon as the maps hold them; `gridOf` reads its id from the properties. */
export interface GridShape {
  properties: Record<string, unknown>;
  geometry: { coordinates: number[][][] };
}

/** The layers the user may see. */
export function usePermittedLayers(specs: readonly CountLayerSpec[]): CountLayerSpec[] {
  const me = useSession().me;
  return useMemo(() => specs.filter((s) => holds(s.needs, me?.permissions ?? [])), [specs, me]);
}

/** Points at the grids shown, with the count and the popup's text. */
export function countCollection(figures: readonly GridFigure[], grids: readonly GridShape[], gridOf: (p: Record<string, unknown>) => unknown, label: (f: GridFigure, name: string) => string): GeoJSON.FeatureCollection {
  const shapes = new Map(grids.map((g) => [String(gridOf(g.properties)), g]));
  const features: GeoJSON.Feature[] = [];
  for (const f of figures) {
    const shape = shapes.get(f.gridId);
    const at = shape ? labelPoint(shape.geometry.coordinates) : null;
    if (!shape || !at || f.count <= 0) continue;
    features.push({ type: 'Feature', properties: { gridId: f.gridId, count: f.count, label: label(f, String(shape.properties.name ?? '')) }, geometry: { type: 'Point', coordinates: at } });
  }
  return { type: 'FeatureCollection', features };
}

/** The circle of a count layer; the layers sit side by side on a grid (`slot` -1, 0, 1). */
export function countCircle(spec: CountLayerSpec, slot: number, stroke: string): CircleLayerSpecification {
  return {
    id: `count-${spec.key}`,
    type: 'circle',
    source: `count-${spec.key}`,
    layout: { visibility: 'none' },
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['get', 'count'], 1, 7, 10, 12, 50, 20, 200, 28],
      'circle-color': spec.color,
      'circle-opacity': 0.85,
      'circle-stroke-color': stroke,
      'circle-stroke-width': 1.5,
      'circle-translate': [slot * 18, 0],
    },
  };
}

interface Options {
  map: MapLibreMap | null;
  ready: boolean;
  layers: readonly CountLayerSpec[];
  on: ReadonlySet<string>;
  grids: readonly GridShape[];
  gridOf: (p: Record<string, unknown>) => unknown;
  /** Circle outline: white on light maps, the background on dark ones. */
  stroke?: string;
}

/**
 * Adds the permitted layers to a loaded map, loads the counts of those switched on, draws them
 * on the grids shown, and answers a hover with the grid's figures. Returns the number of grids
 * each layer draws (for the legend and the tests).
 */
export function useCountLayers({ map, ready, layers, on, grids, gridOf, stroke = '#ffffff' }: Options): Record<string, number | null> {
  const { t, locale } = useI18n();
  const answers = useQueries({
    queries: layers.map((spec) => ({ queryKey: [...spec.queryKey, 'map-layer'], queryFn: ({ signal }: { signal: AbortSignal }) => spec.load(signal), enabled: on.has(spec.key), refetchInterval: 60_000 })),
  });
  const latest = useRef({ t });
  useEffect(() => {
    latest.current = { t };
  });

  // Sources and circles once the style is loaded; a popup on hover.
  useEffect(() => {
    if (!map || !ready) return;
    const popup: Popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'gg-map-popup', offset: 12 });
    const added: string[] = [];
    const onMove = (event: MapLayerMouseEvent) => {
      const label = event.features?.[0]?.properties?.label;
      if (typeof label !== 'string') return;
      map.getCanvas().style.cursor = 'pointer';
      const box = document.createElement('div');
      for (const [index, line] of label.split('\n').entries()) {
        const el = document.createElement(index === 0 ? 'strong' : 'div');
        el.textContent = line;
        box.append(el);
      }
      popup.setLngLat(event.lngLat).setDOMContent(box).addTo(map);
    };
    const onLeave = () => {
      map.getCanvas().style.cursor = '';
      popup.remove();
    };
    layers.forEach((spec, index) => {
      const id = `count-${spec.key}`;
      if (map.getSource(id)) return;
      map.addSource(id, { type: 'geojson', data: EMPTY_COLLECTION });
      map.addLayer(countCircle(spec, index - (layers.length - 1) / 2, stroke));
      map.on('mousemove', id, onMove);
      map.on('mouseleave', id, onLeave);
      added.push(id);
    });
    return () => {
      popup.remove();
      for (const id of added) {
        map.off('mousemove', id, onMove);
        map.off('mouseleave', id, onLeave);
        if (map.getStyle()) {
          if (map.getLayer(id)) map.removeLayer(id);
          if (map.getSource(id)) map.removeSource(id);
        }
      }
    };
  }, [map, ready, layers, stroke]);

  const datas = answers.map((a) => a.data);
  // The answers change identity on every render; their data's update times say when to redraw.
  const dataKey = answers.map((a) => a.dataUpdatedAt).join(',');
  const collections = useMemo(
    () =>
      layers.map((spec, index) => {
        const figures = datas[index];
        if (!figures) return null;
        return countCollection(figures, grids, gridOf, (f, name) => {
          const tr = latest.current.t;
          const lines = [`${name}`, `${tr(spec.label)}：${f.count.toLocaleString(locale)}`];
          for (const [key, label] of Object.entries(spec.more)) if (f.more[key] !== undefined) lines.push(`${tr(label)}：${f.more[key]!.toLocaleString(locale)}`);
          return lines.join('\n');
        });
      }),
    [layers, grids, gridOf, locale, dataKey],
  );

  useEffect(() => {
    if (!map || !ready) return;
    layers.forEach((spec, index) => {
      const id = `count-${spec.key}`;
      if (!map.getLayer(id)) return;
      (map.getSource(id) as GeoJSONSource | undefined)?.setData(collections[index] ?? EMPTY_COLLECTION);
      map.setLayoutProperty(id, 'visibility', on.has(spec.key) ? 'visible' : 'none');
    });
  }, [map, ready, layers, collections, on]);

  return Object.fromEntries(layers.map((spec, index) => [spec.key, on.has(spec.key) ? (collections[index]?.features.length ?? null) : null]));
}

const DOT = { display: 'inline-block', width: 9, height: 9, marginInlineEnd: 5, borderRadius: '50%', border: '1px solid rgba(255,255,255,0.8)' } as const;

/** The switches of the permitted count layers. */
export function CountLayerSwitches({ layers, on, onToggle }: { layers: readonly CountLayerSpec[]; on: ReadonlySet<string>; onToggle: (key: string, on: boolean) => void }) {
  const { t } = useI18n();
  return (
    <>
      {layers.map((spec) => (
        <Tag.CheckableTag key={spec.key} checked={on.has(spec.key)} onChange={(next) => onToggle(spec.key, next)} data-testid={`layer-${spec.key}`} data-checked={on.has(spec.key) ? 'true' : 'false'}>
          <span style={{ ...DOT, background: spec.color }} />
          {t(spec.label)}
        </Tag.CheckableTag>
      ))}
    </>
  );
}

/** Legend lines of the count layers switched on: colour, name, and how many grids have any. */
export function CountLegend({ layers, on, drawn }: { layers: readonly CountLayerSpec[]; on: ReadonlySet<string>; drawn: Record<string, number | null> }) {
  const { t } = useI18n();
  const shown = layers.filter((s) => on.has(s.key));
  if (shown.length === 0) return null;
  return (
    <div data-testid="count-legend" style={{ marginTop: 6, fontSize: 12, lineHeight: '18px' }}>
      {shown.map((spec) => (
        <div key={spec.key} data-testid={`count-legend-${spec.key}`} data-grids={drawn[spec.key] ?? ''}>
          <span style={{ ...DOT, background: spec.color }} />
          {t(spec.label)}
          {drawn[spec.key] !== null && drawn[spec.key] !== undefined && <span style={{ opacity: 0.75, marginInlineStart: 4 }}>{t('map.countLayer.grids', { n: drawn[spec.key]! })}</span>}
        </div>
      ))}
      <div style={{ opacity: 0.75, maxWidth: 200 }}>{t('map.countLayer.note')}</div>
    </div>
  );
}
