/**
 * The dashboard API. Every endpoint takes `?region=` or `?grid=` (default: the viewer's own
 * place) and answers FORBIDDEN outside the viewer's scope. Figures are shared between viewers of
 * the same place for up to a second (one query serves every viewer asking meanwhile); the live
 * feed (/api/live) carries each change at once.
 */
import {
  dashboardCategories,
  dashboardDepartments,
  dashboardGridRanking,
  dashboardMap,
  dashboardOverview,
  dashboardPlaceQuery,
  dashboardPoints,
  dashboardPointsQuery,
  dashboardTrend,
  type DashboardPlaceQuery,
} from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import { gzipSync } from 'node:zlib';
import * as q from './queries.js';

/** Answers kept for a short time per key, and one computation shared by concurrent askers. */
export class ShortCache {
  private readonly entries = new Map<string, { until: number; value: Promise<unknown> }>();

  constructor(private readonly ttlMs: number) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value as Promise<T>;
    if (this.entries.size > 10_000) this.entries.clear();
    const value = compute();
    this.entries.set(key, { until: now + this.ttlMs, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}

/**
 * An answer as sent: its JSON and, when large (the map of a whole city is over a megabyte), the
 * JSON gzipped once for every viewer whose browser accepts it.
 */
function encoded(json: string): { json: string; gzip: Buffer | null } {
  return { json, gzip: json.length > 16_384 ? gzipSync(json, { level: 6 }) : null };
}

type Resolved = Awaited<ReturnType<typeof q.resolvePlace>>;
type Compute = (resolved: Resolved, now: Date) => Promise<unknown>;

const FIGURES: { path: string; summary: string; response: ZodType; compute: (deps: q.DashboardDeps) => Compute }[] = [
  { path: 'trend', summary: 'Reported and closed per day, last 30 days', response: dashboardTrend, compute: (deps) => (r, now) => q.trend(deps, r.place, now) },
  { path: 'categories', summary: 'Reported per top-level category, this month and the two before', response: dashboardCategories, compute: (deps) => (r, now) => q.categories(deps, r.place, now) },
  { path: 'departments', summary: 'Departments by on-time rate, this month and last', response: dashboardDepartments, compute: (deps) => (r, now) => q.departments(deps, r.place, now) },
  { path: 'grid-ranking', summary: 'Grids by on-time closure rate: the best and the worst ten', response: dashboardGridRanking, compute: (deps) => (r, now) => q.gridRanking(deps, r.place, now) },
  { path: 'map', summary: 'Grid boundaries with residents, open and overdue tickets', response: dashboardMap, compute: (deps) => (r) => q.map(deps, r.place) },
];

export function dashboardRoutes(app: App, deps: q.DashboardDeps): void {
  const tags = ['dashboard'];
  const cache = new ShortCache(1000);

  /**
   * The place (checked against the caller's scope on every request) and the answer for it as
   * JSON, checked against its schema once and then shared by every viewer for up to a second.
   */
  async function answer(req: FastifyRequest, reply: FastifyReply, query: DashboardPlaceQuery, key: string, schema: ZodType, compute: Compute): Promise<void> {
    const { actor, clock } = actorCtx(req);
    const viewer = `${actor.regionPrefix}:${actor.gridId ?? ''}`;
    const resolved = await cache.get(`place:${viewer}:${query.region ?? ''}:${query.grid ?? ''}`, () => q.resolvePlace(deps, actor, query));
    const body = await cache.get(`${key.replace('{viewer}', viewer)}:${resolved.place.scope}`, async () => encoded(JSON.stringify(schema.parse(await compute(resolved, clock.now())))));
    reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
    if (body.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      reply.header('content-encoding', 'gzip').send(body.gzip);
    } else {
      reply.serializer((payload) => payload as string).send(body.json);
    }
  }

  app.get('/api/dashboard/overview', {
    config: { access: 'dashboard:read' },
    schema: { tags, summary: 'Tiles, children and breadcrumb of a place', querystring: dashboardPlaceQuery, response: { 200: dashboardOverview } },
    // The figures are the place's; the breadcrumb is the viewer's, the tiles those the viewer's permissions show.
    handler: (req, reply) => {
      const tiles = q.visibleTiles(deps, actorCtx(req).actor);
      return answer(req, reply, req.query, `overview:{viewer}:${tiles.map((t) => t.id).join(',')}`, dashboardOverview, (r, now) => q.overview(deps, r, tiles, now));
    },
  });
  for (const f of FIGURES) {
    app.get(`/api/dashboard/${f.path}`, {
      config: { access: 'dashboard:read' },
      schema: { tags, summary: f.summary, querystring: dashboardPlaceQuery, response: { 200: f.response } },
      handler: (req, reply) => answer(req, reply, req.query, f.path, f.response, f.compute(deps)),
    });
  }
  app.get('/api/dashboard/points', {
    config: { access: 'dashboard:read' },
    schema: { tags, summary: 'Points of one map layer', querystring: dashboardPointsQuery, response: { 200: dashboardPoints } },
    handler: (req, reply) => {
      const { layer, ...place } = req.query;
      return answer(req, reply, place, `points:${layer}`, dashboardPoints, (r) => q.points(deps, r.place, layer));
    },
  });
}
