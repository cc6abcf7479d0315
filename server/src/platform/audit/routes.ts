import { auditEntry, auditListQuery, page } from '@gridgov/contracts';
import type { App } from '../http/types.js';
import { actorCtx } from '../http/access.js';
import type { Db } from '../db/client.js';
import { listAudit } from './queries.js';

export function auditRoutes(app: App, db: Db): void {
  app.get('/api/audit', {
    config: { access: 'audit:read' },
    schema: { tags: ['audit'], summary: 'The audit log (auditor only), newest first', querystring: auditListQuery, response: { 200: page(auditEntry) } },
    handler: (req) => listAudit(db, actorCtx(req), req.query),
  });
}
