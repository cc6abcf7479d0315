/** Grids (网格) under communities, their boundaries and the point lookup. */
import { z } from 'zod';
import { divisionCode, pageQuery, warning } from '../common.js';
import { nameText } from '../text.js';

// ---------- grids ----------
const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export const polygonGeometry = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(position).min(4)).min(1),
});
export type PolygonGeometry = z.infer<typeof polygonGeometry>;

/** A grid's workers are the grid_worker accounts whose scope is that grid (set in user management). */
export const gridWorkerRef = z.object({ id: z.string(), displayName: z.string() });

export const grid = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  regionCode: divisionCode,
  regionName: z.string(),
  boundary: polygonGeometry,
  targetHouseholds: z.number().int(),
  workers: z.array(gridWorkerRef),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Grid = z.infer<typeof grid>;

export const gridListQuery = z.strictObject({
  region: divisionCode.optional(),
  q: z.string().max(64).optional(),
  ...pageQuery,
});

export const createGridRequest = z.strictObject({
  regionCode: divisionCode,
  name: nameText(64),
  boundary: polygonGeometry,
  targetHouseholds: z.number().int().min(1).max(100000).optional(),
});

export const updateGridRequest = z.strictObject({
  name: nameText(64).optional(),
  boundary: polygonGeometry.optional(),
  targetHouseholds: z.number().int().min(1).max(100000).optional(),
});

export const gridWriteResponse = z.object({ grid, warnings: z.array(warning) });

export const gridLookupQuery = z.strictObject({
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});

export const gridLookupResponse = z.object({
  grid: z.object({ id: z.string(), code: z.string(), name: z.string(), regionCode: z.string() }).nullable(),
});

export const geoJsonQuery = z.strictObject({ region: divisionCode.optional() });


export const mapConfig = z.object({ tileUrl: z.string().nullable(), labelTileUrl: z.string().nullable(), center: z.tuple([z.number(), z.number()]), zoom: z.number() });
export * from './permissions.js';
export * from './audit.js';
