/**
 * The base map and the place search: for the console (scoped to the caller) and for the public
 * portal (streets and public place names only, rate-limited per address).
 */
import { basemapData, basemapQuery, homeArea, placeSearchQuery, placeSearchResult } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import { RateLimiter } from '../../platform/http/rate-limit.js';
import type { Kit } from '../../platform/kit/kit.js';
import { basemapInView, homeArea as readHomeArea } from './queries.js';
import { searchPlaces } from './search-places.js';

/** Panning asks for a view at each stop; searching types a few letters at a time. */
const VIEWS_PER_MINUTE = 240;
const SEARCHES_PER_MINUTE = 30;

export function basemapRoutes(app: App, kit: Kit): void {
  const { db } = kit;
  const tags = ['basemap'];
  const views = new RateLimiter(VIEWS_PER_MINUTE, 60_000, kit.clock);
  const searches = new RateLimiter(SEARCHES_PER_MINUTE, 60_000, kit.clock);

  app.get('/api/basemap', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Streets, and the buildings and places one may read, in a view (drawn when no tile service is configured)', querystring: basemapQuery, response: { 200: basemapData } },
    handler: (req) => basemapInView(db, actorCtx(req).actor, req.query.bbox, req.query.zoom),
  });
  app.get('/api/basemap/home', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'The area the caller\'s maps open on: their grid, or the grids of their scope', response: { 200: homeArea } },
    handler: (req) => readHomeArea(db, actorCtx(req).actor),
  });
  app.get('/api/places/search', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Regions, grids, streets, buildings and places by name or address, within the caller\'s scope', querystring: placeSearchQuery, response: { 200: placeSearchResult } },
    handler: async (req) => {
      const { actor } = actorCtx(req);
      searches.hit(`user:${actor.id}`);
      return { items: await searchPlaces(db, actor, req.query.q) };
    },
  });
  app.get('/api/public/basemap', {
    config: { access: 'public' },
    schema: { tags, summary: 'Streets in a view, for the portal\'s location step (rate-limited per address)', querystring: basemapQuery, response: { 200: basemapData } },
    handler: (req) => {
      views.hit(req.ip);
      return basemapInView(db, null, req.query.bbox, req.query.zoom);
    },
  });
  app.get('/api/public/places/search', {
    config: { access: 'public' },
    schema: { tags, summary: 'Public place names and addresses (regions, streets, buildings, ordinary venues) for the portal (rate-limited per address)', querystring: placeSearchQuery, response: { 200: placeSearchResult } },
    handler: async (req) => {
      searches.hit(`ip:${req.ip}`);
      return { items: await searchPlaces(db, null, req.query.q) };
    },
  });
}
