/** Traffic controls on the kit's map: areas as outlines, roads as linked segments, a point at each one's start. */
import type { TrafficControl } from '@gridgov/contracts';
import type { GridFeatureCollection } from '../../api/types';
import type { MapLink, MapPoint } from '../../shared/map/PointsMap';

const COLORS: Record<string, string> = { active: '#f5222d', scheduled: '#fa8c16', ended: '#8c8c8c' };

export function trafficLayers(controls: readonly TrafficControl[], label: (c: TrafficControl) => string) {
  const points: MapPoint[] = [];
  const links: MapLink[] = [];
  const outline: GridFeatureCollection = { type: 'FeatureCollection', features: [] };
  for (const c of controls) {
    if (c.geometry.type === 'Polygon') {
      outline.features.push({ type: 'Feature', properties: { id: c.id, code: String(c.controlNo), name: c.title, regionCode: c.regionCode, targetHouseholds: 0 }, geometry: c.geometry } as GridFeatureCollection['features'][number]);
      const [lng, lat] = c.geometry.coordinates[0]![0]!;
      points.push({ id: c.id, lon: lng, lat, label: label(c), color: COLORS[c.status] });
    } else {
      const coords = c.geometry.coordinates;
      for (let i = 1; i < coords.length; i++) links.push({ from: { lon: coords[i - 1]![0], lat: coords[i - 1]![1] }, to: { lon: coords[i]![0], lat: coords[i]![1] } });
      points.push({ id: c.id, lon: coords[0]![0], lat: coords[0]![1], label: label(c), color: COLORS[c.status] });
    }
  }
  return { points, links, outline: outline.features.length ? outline : null };
}
