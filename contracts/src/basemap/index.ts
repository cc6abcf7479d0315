/**
 * The base map drawn from the platform's own data (streets, buildings, places, labels) when no
 * tile service is configured, the place search of the maps, and the area a user's maps open on.
 */
import { z } from 'zod';
import { nameText } from '../text.js';

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

/** West, south, east, north in degrees, as `w,s,e,n` in a query string. */
export const bboxParam = z
  .string()
  .max(100)
  .transform((text, ctx) => {
    const parts = text.split(',').map(Number);
    const [w, s, e, n] = parts;
    if (parts.length !== 4 || parts.some((p) => !Number.isFinite(p)) || w! > e! || s! > n! || w! < -180 || e! > 180 || s! < -90 || n! > 90) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be w,s,e,n in degrees' });
      return z.NEVER;
    }
    return [w!, s!, e!, n!] as [number, number, number, number];
  });
export type Bbox = [west: number, south: number, east: number, north: number];

export const basemapQuery = z.strictObject({ bbox: bboxParam, zoom: z.coerce.number().min(0).max(24) });

export const STREET_KINDS = ['main', 'minor'] as const;
export type StreetKind = (typeof STREET_KINDS)[number];

export const streetFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([lon, lat])) }),
  properties: z.object({ name: z.string(), kind: z.enum(STREET_KINDS) }),
});
export const placeFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([lon, lat]) }),
  properties: z.object({ name: z.string(), kind: z.enum(['building', 'venue']) }),
});
/** Streets and (for who may read the registers) buildings and places in view. */
export const basemapData = z.object({
  streets: z.object({ type: z.literal('FeatureCollection'), features: z.array(streetFeature) }),
  places: z.object({ type: z.literal('FeatureCollection'), features: z.array(placeFeature) }),
});
export type BasemapData = z.infer<typeof basemapData>;

export const PLACE_HIT_KINDS = ['region', 'grid', 'street', 'building', 'venue'] as const;
export type PlaceHitKind = (typeof PLACE_HIT_KINDS)[number];

export const placeSearchQuery = z.strictObject({ q: nameText(50) });
/** One place found by name or address: where to jump (a point, and bounds for areas and streets). */
export const placeHit = z.object({
  kind: z.enum(PLACE_HIT_KINDS),
  id: z.string(),
  name: z.string(),
  /** Where it is, in words (its grid, community or county); never personal data. */
  context: z.string(),
  lon,
  lat,
  bounds: z.tuple([z.tuple([lon, lat]), z.tuple([lon, lat])]).nullable(),
});
export type PlaceHit = z.infer<typeof placeHit>;
export const placeSearchResult = z.object({ items: z.array(placeHit) });

/** The area a user's maps open on and return to: their grid, or the grids of their scope. */
export const homeArea = z.object({ bounds: z.tuple([z.tuple([lon, lat]), z.tuple([lon, lat])]).nullable() });
export type HomeArea = z.infer<typeof homeArea>;
