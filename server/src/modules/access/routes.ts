/** Gate access routes: a gate system's batch, and the scoped, audited list of one person's or one compound's passages. */
import { accessIngestInput, accessIngestResult, accessListQuery, accessRecord, page } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { ingestAccessRecords } from './ingest-records.js';
import { listAccessRecords } from './queries.js';

export function accessRoutes(app: App, kit: Kit): void {
  const { db } = kit;
  const tags = ['access'];
  app.post('/api/access/records', {
    config: { access: 'access:ingest' },
    schema: { tags, summary: 'A gate system sends passages (batch, idempotent by gate and source record id)', body: accessIngestInput, response: { 200: accessIngestResult } },
    handler: (req) => ingestAccessRecords(db, actorCtx(req), req.body.records),
  });
  app.get('/api/access/records', {
    config: { access: 'access:read' },
    schema: { tags, summary: 'Passages of one resident or one compound (scoped, audited, names masked)', querystring: accessListQuery, response: { 200: page(accessRecord) } },
    handler: (req) => listAccessRecords(db, actorCtx(req), req.query),
  });
}
