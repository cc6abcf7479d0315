import { z } from 'zod';
import { createGridRequest, grid, gridListQuery, gridLookupQuery, gridLookupResponse, gridWriteResponse, geoJsonQuery, page, updateGridRequest, uuid } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { createGrid } from './create-grid.js';
import { updateGrid } from './update-grid.js';
import { deleteGrid } from './delete-grid.js';
import { getGrid, gridsGeoJson, listGrids } from './queries.js';
import { gridLocator } from './grid-index.js';

const idParams = z.strictObject({ id: uuid });

export function gridRoutes(app: App, kit: Kit): void {
  const { db } = kit;
  const locator = gridLocator(kit);
  app.get('/api/grids', {
    config: { access: 'grid:read' },
    schema: { tags: ['grids'], querystring: gridListQuery, response: { 200: page(grid) } },
    handler: (req) => listGrids(db, actorCtx(req).actor, req.query),
  });
  app.get('/api/grids/geojson', {
    config: { access: 'grid:read' },
    schema: { tags: ['grids'], summary: 'Grid polygons as a GeoJSON FeatureCollection', querystring: geoJsonQuery },
    handler: (req) => gridsGeoJson(db, actorCtx(req).actor, req.query.region),
  });
  app.get('/api/grids/lookup', {
    config: { access: 'grid:read' },
    schema: { tags: ['grids'], summary: 'The grid that contains a point', querystring: gridLookupQuery, response: { 200: gridLookupResponse } },
    handler: async (req) => {
      const actor = actorCtx(req).actor;
      const found = await locator.lookup(req.query.lon, req.query.lat);
      // The index holds every grid: answer only with one the caller may see.
      const visible = found && found.regionCode.startsWith(actor.regionPrefix) && (!actor.gridId || actor.gridId === found.id);
      return { grid: visible ? found : null };
    },
  });
  app.get('/api/grids/:id', {
    config: { access: 'grid:read', record: 'grid' },
    schema: { tags: ['grids'], params: idParams, response: { 200: grid } },
    handler: (req) => getGrid(db, actorCtx(req).actor, req.params.id),
  });
  app.post('/api/grids', {
    config: { access: 'grid:write' },
    schema: { tags: ['grids'], body: createGridRequest, response: { 201: gridWriteResponse } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const { id, warnings } = await createGrid(db, ctx, req.body);
      locator.invalidate();
      return reply.status(201).send({ grid: await getGrid(db, ctx.actor, id), warnings });
    },
  });
  app.patch('/api/grids/:id', {
    config: { access: 'grid:write', record: 'grid' },
    schema: { tags: ['grids'], params: idParams, body: updateGridRequest, response: { 200: gridWriteResponse } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      const { warnings } = await updateGrid(db, ctx, req.params.id, req.body);
      locator.invalidate();
      return { grid: await getGrid(db, ctx.actor, req.params.id), warnings };
    },
  });
  app.delete('/api/grids/:id', {
    config: { access: 'grid:write', record: 'grid' },
    schema: { tags: ['grids'], params: idParams },
    handler: async (req, reply) => {
      await deleteGrid(db, actorCtx(req), req.params.id);
      locator.invalidate();
      return reply.status(204).send();
    },
  });
}

