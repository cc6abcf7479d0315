/**
 * The operators' endpoints, outside /api: `/health/live` (the process answers),
 * `/health/ready` (database and job worker; 503 with the failing check), and `/metrics`
 * (Prometheus text format, only when configured: see metrics-access.ts).
 */
import { z } from 'zod';
import type { App } from '../http/types.js';
import type { Kit } from '../kit/kit.js';
import { sendError } from '../http/error-handler.js';
import { readiness, RETRY_AFTER_S } from './health.js';
import { metricsAccess } from './metrics-access.js';
import { PLATFORM_GAUGES, type GaugeSource } from './gauges.js';
import { exposition, renderGauge, type GaugeFamily } from './prometheus.js';
import { safeErrorText } from './redact.js';

/** How long one gauge source may take when scraped before it is left out. */
const GAUGE_TIMEOUT_MS = 2000;

async function collect(kit: Kit, source: GaugeSource): Promise<GaugeFamily[] | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), GAUGE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([Promise.resolve(source(kit)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What this process counts itself (HTTP requests, admission control), rendered first. */
interface ProcessMetrics {
  render(): string[];
}

export function observabilityRoutes(app: App, kit: Kit, counted: ProcessMetrics[], moduleGauges: GaugeSource[]): void {
  app.get('/health/live', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: 'The process is up', response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: () => ({ status: 'ok' as const }),
  });

  app.get('/health/ready', {
    config: { access: 'public' },
    schema: {
      tags: ['system'],
      summary: 'The database answers and the job worker runs',
      response: { 200: z.object({ status: z.literal('ready') }), 503: z.object({ status: z.literal('unavailable'), reason: z.enum(['database', 'job_worker']) }) },
    },
    handler: async (_req, reply) => {
      const result = await readiness(kit);
      if (result.ready) return reply.header('cache-control', 'no-store').send({ status: 'ready' as const });
      return reply.status(503).header('retry-after', String(RETRY_AFTER_S)).header('cache-control', 'no-store').send({ status: 'unavailable' as const, reason: result.reason ?? 'database' });
    },
  });

  const decide = metricsAccess(kit.config);
  const sources = [...PLATFORM_GAUGES, ...moduleGauges];
  app.get('/metrics', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: 'Prometheus metrics (only with GRIDGOV_METRICS_TOKEN or GRIDGOV_METRICS_ALLOW)', hide: true },
    handler: async (req, reply) => {
      const decision = decide(req.ip, req.headers.authorization);
      if (decision === 'off') return sendError(req, reply, 'NOT_FOUND');
      if (decision === 'token') return sendError(req, reply, 'AUTH_REQUIRED');
      if (decision === 'address') return sendError(req, reply, 'FORBIDDEN');
      const blocks = counted.flatMap((m) => m.render());
      let databaseUp = 1;
      for (const source of sources) {
        try {
          const families = await collect(kit, source);
          if (families === null) databaseUp = 0;
          for (const family of families ?? []) blocks.push(renderGauge(family));
        } catch (error) {
          databaseUp = 0;
          req.log.warn({ err: error }, `metrics: a gauge could not be read (${safeErrorText(error)})`);
        }
      }
      blocks.push(renderGauge({ name: 'gridgov_database_up', help: 'Whether every database-backed gauge could be read at this scrape', samples: [{ value: databaseUp }] }));
      return reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8').header('cache-control', 'no-store').send(exposition(blocks));
    },
  });
}
