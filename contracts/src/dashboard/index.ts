/**
 * The command-centre dashboard (M11): figures for one place (a region or a grid) in the viewer's
 * scope, read from maintained aggregates. Every endpoint takes the same place query; without one
 * it answers for the viewer's own region (or grid).
 */
import { z } from 'zod';
import { divisionCode, uuid } from '../common.js';
import { localText } from '../forms/definition.js';

export const DASHBOARD_PLACE_LEVELS = ['province', 'city', 'county', 'township', 'community', 'grid'] as const;
export type DashboardPlaceLevel = (typeof DASHBOARD_PLACE_LEVELS)[number];

/** `?region=<12-digit code>` or `?grid=<grid id>`; neither: the viewer's own place. */
export const dashboardPlaceQuery = z.strictObject({
  region: divisionCode.optional(),
  grid: uuid.optional(),
});
export type DashboardPlaceQuery = z.infer<typeof dashboardPlaceQuery>;

export const dashboardPlace = z.object({
  kind: z.enum(['region', 'grid']),
  /** Division code of a region; the grid's code (community code + 3 digits) for a grid. */
  code: z.string(),
  /** The grid's id (null for a region). */
  gridId: z.string().nullable(),
  name: z.string(),
  level: z.enum(DASHBOARD_PLACE_LEVELS),
});
export type DashboardPlace = z.infer<typeof dashboardPlace>;

/** How a metric is kept: a count at this moment, or a flow per China day or per month. */
export const METRIC_PERIODS = ['now', 'day', 'month'] as const;
export type MetricPeriod = (typeof METRIC_PERIODS)[number];

export const DASHBOARD_TILE_KINDS = ['count', 'rate', 'score'] as const;
export type DashboardTileKind = (typeof DASHBOARD_TILE_KINDS)[number];

/**
 * One KPI tile a module contributes (its metrics.ts), with its figure for the place: labels in
 * both languages, shown only to viewers holding the permission of the metrics it reads.
 * count: a whole number; rate: 0..1 (null when nothing to divide by); score: a mean 1..5 (null
 * when nothing scored).
 */
export const dashboardTile = z.object({
  id: z.string(),
  kind: z.enum(DASHBOARD_TILE_KINDS),
  label: localText,
  hint: localText.nullable(),
  unit: localText.nullable(),
  tone: z.enum(['plain', 'accent', 'alert', 'good']),
  /** The metric it reads (the part of a rate, the sum of a score). */
  metric: z.string(),
  value: z.number().nullable(),
});
export type DashboardTile = z.infer<typeof dashboardTile>;

/** The value of a tile by id (null when the tile is not shown or has no figure). */
export function tileValue(tiles: readonly DashboardTile[], id: string): number | null {
  return tiles.find((t) => t.id === id)?.value ?? null;
}

export const dashboardChild = z.object({
  place: dashboardPlace,
  residents: z.number().int(),
  openTickets: z.number().int(),
  overdueTickets: z.number().int(),
});
export type DashboardChild = z.infer<typeof dashboardChild>;

/** GET /api/dashboard/overview: the place, how to get back up, its children to drill into, the tiles. */
export const dashboardOverview = z.object({
  place: dashboardPlace,
  /** From the viewer's own place down to this one (the viewer cannot go above their own). */
  breadcrumb: z.array(dashboardPlace),
  children: z.array(dashboardChild),
  /** The tiles the viewer may see, in their registered order. */
  tiles: z.array(dashboardTile),
  asOf: z.string(),
});
export type DashboardOverview = z.infer<typeof dashboardOverview>;

/** GET /api/dashboard/trend: the last 30 days (oldest first, today last). */
export const dashboardTrend = z.object({
  days: z.array(z.object({ day: z.string(), reported: z.number().int(), closed: z.number().int() })),
});
export type DashboardTrend = z.infer<typeof dashboardTrend>;

/** GET /api/dashboard/categories: tickets reported per top-level category since `since` (this month and the two before). */
export const dashboardCategories = z.object({
  since: z.string(),
  items: z.array(z.object({ categoryId: z.string(), code: z.string(), name: z.string(), count: z.number().int() })),
});
export type DashboardCategories = z.infer<typeof dashboardCategories>;

/** GET /api/dashboard/departments: departments by on-time rate on this place's tickets this month and last (best first). */
export const dashboardDepartments = z.object({
  items: z.array(
    z.object({
      departmentId: z.string(),
      name: z.string(),
      /** Assignments given to the department this month and last. */
      assigned: z.number().int(),
      /** Assignments finished (reported back) this month and last, and how many of those within their limit. */
      done: z.number().int(),
      onTime: z.number().int(),
      onTimeRate: z.number().nullable(),
    }),
  ),
});
export type DashboardDepartments = z.infer<typeof dashboardDepartments>;

/** GET /api/dashboard/grid-ranking: grids of the place by on-time closure rate this month and last; the best and the worst ten. */
export const dashboardGridRankingItem = z.object({
  gridId: z.string(),
  code: z.string(),
  name: z.string(),
  closed: z.number().int(),
  onTimeRate: z.number().nullable(),
  openTickets: z.number().int(),
  overdueTickets: z.number().int(),
});
export const dashboardGridRanking = z.object({
  grids: z.number().int(),
  best: z.array(dashboardGridRankingItem),
  worst: z.array(dashboardGridRankingItem),
});
export type DashboardGridRanking = z.infer<typeof dashboardGridRanking>;

/**
 * GET /api/dashboard/map: the grids of the place as GeoJSON features with their figures (for the
 * choropleth and the grid card), the outlines of the place and of its child regions (the edges of
 * their grids that no other grid of the same region shares), and the place's bounds
 * [west, south, east, north].
 */
export const dashboardMap = z.object({
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  outlines: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(z.array(z.number()))) }),
        properties: z.object({ code: z.string(), level: z.enum(DASHBOARD_PLACE_LEVELS), own: z.boolean() }),
      }),
    ),
  }),
  grids: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
        properties: z.object({ gridId: z.string(), code: z.string(), name: z.string(), residents: z.number().int(), openTickets: z.number().int(), overdueTickets: z.number().int() }),
      }),
    ),
  }),
});
export type DashboardMap = z.infer<typeof dashboardMap>;

export const DASHBOARD_POINT_LAYERS = ['open', 'overdue', 'places', 'facilities'] as const;
export type DashboardPointLayer = (typeof DASHBOARD_POINT_LAYERS)[number];

export const dashboardPointsQuery = dashboardPlaceQuery.extend({ layer: z.enum(DASHBOARD_POINT_LAYERS) });

/** GET /api/dashboard/points?layer=: points of one map layer, newest first, at most `limit` (`truncated` when there were more). */
export const dashboardPoints = z.object({
  layer: z.enum(DASHBOARD_POINT_LAYERS),
  limit: z.number().int(),
  truncated: z.boolean(),
  points: z.array(z.object({ id: z.string(), lon: z.number(), lat: z.number(), label: z.string(), emergency: z.boolean() })),
});
export type DashboardPoints = z.infer<typeof dashboardPoints>;
export * from './permissions.js';
