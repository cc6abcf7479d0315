/** The auditor's routes: the filtered log, its export, and a check of the hash chain. */
import { auditEntry, auditExportQuery, auditListQuery, auditVerifyResult, page } from '@gridgov/contracts';
import type { App } from '../http/types.js';
import { actorCtx } from '../http/access.js';
import type { Kit } from '../kit/kit.js';
import { exportAudit, listAudit } from './queries.js';
import { verifyAndRecord } from './verify-audit.js';

const tags = ['audit'];

export function auditRoutes(app: App, kit: Kit): void {
  const { db } = kit;
  app.get('/api/audit', {
    config: { access: 'audit:read' },
    schema: { tags, summary: 'The audit log (auditor only), newest first', querystring: auditListQuery, response: { 200: page(auditEntry) } },
    handler: (req) => listAudit(db, kit, actorCtx(req), req.query),
  });
  app.get('/api/audit/export', {
    config: { access: 'audit:read' },
    schema: { tags, summary: 'The filtered audit log as CSV (auditor only; audited)', querystring: auditExportQuery },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const file = await exportAudit(db, kit, ctx, req.query);
      const name = `audit-log-${ctx.clock.now().toISOString().slice(0, 10)}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(file.csv);
    },
  });
  app.post('/api/audit/verify', {
    config: { access: 'audit:read' },
    schema: { tags, summary: 'Walk the hash chain from its start and say whether it holds (audited)', response: { 200: auditVerifyResult } },
    handler: (req) => verifyAndRecord(db, actorCtx(req)),
  });
}
