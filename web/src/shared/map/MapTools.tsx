/**
 * What sits on a map's top-left corner: a search over addresses, place names, streets and grids
 * (the console's within the user's scope, the portal's over public names) that jumps to the
 * place found, and, for signed-in users, "back to my area".
 */
import { AutoComplete, Button, Input, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { PlaceHit } from '@gridgov/contracts';
import { basemapApi, type BasemapAudience } from '../../api/basemap';
import { useI18n } from '../../i18n/i18n';
import { useDebounced } from '../hooks/use-debounced';

/** Close enough to see the building or the street corner found. */
export const PLACE_ZOOM = 17;

export type HomeBounds = [[number, number], [number, number]];

/** Moves the map to what was found: the bounds of an area or a street, else its point. */
export function jumpTo(map: MapLibreMap, hit: PlaceHit): void {
  if (hit.bounds && hit.kind !== 'street') map.fitBounds(hit.bounds, { padding: 40, maxZoom: PLACE_ZOOM, duration: 0 });
  else map.jumpTo({ center: [hit.lon, hit.lat], zoom: Math.max(map.getZoom(), hit.kind === 'street' ? 16 : PLACE_ZOOM) });
}

/** The area the user's maps open on (console only): his grid, or the grids of his scope. */
export function useHomeArea(enabled = true): HomeBounds | null | undefined {
  const { data } = useQuery({ queryKey: ['basemap', 'home'], queryFn: ({ signal }) => basemapApi.home(signal), enabled, staleTime: 5 * 60_000, meta: { silent: true } });
  return enabled ? (data ? data.bounds : undefined) : null;
}

interface Props {
  map: MapLibreMap | null;
  audience: BasemapAudience;
  /** Where "back to my area" goes; no button without one. */
  home?: HomeBounds | null;
  /** Told of the place chosen (after the map moved there). */
  onPick?: (hit: PlaceHit) => void;
  testId: string;
}

export function MapTools({ map, audience, home, onPick, testId }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const found = useQuery({
    queryKey: ['places', audience, q],
    queryFn: ({ signal }) => basemapApi.search(audience, q, signal),
    enabled: q.length > 0,
    staleTime: 60_000,
    meta: { silent: true },
  });
  const hits = q.length > 0 ? (found.data ?? []) : [];
  const options = hits.map((hit, index) => ({
    value: String(index),
    label: (
      <div data-testid={`${testId}-hit`} style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.3 }}>
        <span>
          <strong>{hit.name}</strong> <span style={{ color: '#6b7280', fontSize: 12 }}>{t(`map.search.kind.${hit.kind}`)}</span>
        </span>
        {hit.context && <span style={{ color: '#6b7280', fontSize: 12 }}>{hit.context}</span>}
      </div>
    ),
  }));

  function choose(value: string) {
    const hit = hits[Number(value)];
    if (!hit) return;
    setText(hit.name);
    if (map) jumpTo(map, hit);
    onPick?.(hit);
  }

  const notFound = q.length > 0 && found.isSuccess && hits.length === 0 ? t('map.search.none') : found.isError ? t('map.search.failed') : undefined;
  return (
    <div className="gg-map-tools" style={{ position: 'absolute', top: 10, left: 10, zIndex: 2, display: 'flex', gap: 6, width: 'min(320px, calc(100% - 70px))' }}>
      <AutoComplete
        value={text}
        options={options}
        onChange={setText}
        onSelect={choose}
        notFoundContent={notFound}
        style={{ flex: 1, minWidth: 0 }}
        popupMatchSelectWidth={300}
      >
        <Input.Search allowClear placeholder={t('map.search.placeholder')} loading={found.isFetching} data-testid={`${testId}-search`} onSearch={() => hits[0] && choose('0')} />
      </AutoComplete>
      {home && (
        <Tooltip title={t('map.home')}>
          <Button
            aria-label={t('map.home')}
            data-testid={`${testId}-home`}
            onClick={() => map?.fitBounds(home, { padding: 32, maxZoom: PLACE_ZOOM, duration: 0 })}
            icon={<span aria-hidden style={{ fontSize: 15 }}>⌂</span>}
          />
        </Tooltip>
      )}
    </div>
  );
}
