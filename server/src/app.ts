/** Builds the HTTP app from the platform and the modules. */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mapConfig } from '@gridgov/contracts';
import type { Kit } from './platform/kit/kit.js';
import type { App } from './platform/http/types.js';
import { GUARDED_PREFIXES, makeAccessHook, makeStaffOnlyHook, trackRoutes } from './platform/http/access.js';
import { securityHeaders } from './platform/http/security-headers.js';
import { admissionHooks } from './platform/http/admission.js';
import { errorHandler, sendError } from './platform/http/error-handler.js';
import { inputGuard } from './platform/http/input-guard.js';
import { makeIdempotency } from './platform/http/idempotency.js';
import { authRoutes } from './platform/auth/routes.js';
import { SESSION_REVOKED, sessionCache } from './platform/auth/sessions.js';
import { auditRoutes } from './platform/audit/routes.js';
import { auditRefusals } from './platform/audit/refusals.js';
import { liveRoutes } from './platform/live/routes.js';
import { notificationRoutes } from './platform/notifications/routes.js';
import { attachmentRoutes } from './platform/files/routes.js';
import { loggerOptions, logRequest, requestLogOptions } from './platform/observability/logging.js';
import { HttpMetrics } from './platform/observability/http-metrics.js';
import { observabilityRoutes } from './platform/observability/routes.js';
import { MODULES } from './modules/index.js';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export async function buildApp(kit: Kit): Promise<App> {
  const { config, clock, db } = kit;
  const app = Fastify({
    // JSON lines through the redaction layer: route patterns, never URLs (observability/logging.ts).
    logger: loggerOptions({ level: config.logScanFile && config.logLevel === 'silent' ? 'info' : config.logLevel, file: config.logScanFile }),
    ...requestLogOptions(),
    genReqId: () => randomUUID(),
    // X-Forwarded-For only from the configured proxies: from anyone else it is a forgery that
    // would dodge the per-address limits and write a false address into the audit log.
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  trackRoutes(app);
  const httpMetrics = new HttpMetrics();
  app.addHook('onResponse', httpMetrics.hook);
  app.addHook('onResponse', logRequest);
  app.addHook('preValidation', inputGuard);
  app.addHook('onRequest', securityHeaders(config));
  // Overload: shed early, before the session lookup or the body is read (platform/http/admission.ts).
  const admission = admissionHooks(kit.admission);
  app.addHook('onRequest', admission.onRequest);
  app.addHook('onResponse', admission.onResponse);

  const policy = { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };
  await app.register(cookie);
  await app.register(swagger, {
    openapi: { info: { title: 'GridGov API', description: '智慧网格治理平台 API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  // The API's map is for the staff who integrate with it (GRIDGOV_API_DOCS), not for the public.
  if (config.apiDocs !== 'off') {
    await app.register(swaggerUi, {
      routePrefix: '/docs/api',
      staticCSP: true,
      ...(config.apiDocs === 'staff' ? { uiHooks: { onRequest: makeStaffOnlyHook(db, clock, policy, sessionCache, kit.providers.memberships) } } : {}),
    });
  }

  kit.live.on('event', (event) => {
    if (event.type === SESSION_REVOKED) sessionCache.revoked((event.data ?? {}) as { sessionId?: string; userId?: string });
  });
  kit.live.on('resync', () => sessionCache.clear());
  app.addHook('onRequest', makeAccessHook(db, clock, policy, sessionCache, kit.providers.memberships));
  app.addHook('onSend', auditRefusals(db));
  // Replayed submissions (a phone's offline queue): after authentication and validation, before the handler.
  const idempotency = makeIdempotency(db);
  app.addHook('preHandler', idempotency.preHandler);
  app.addHook('onSend', idempotency.onSend);

  app.get('/api/health', {
    // Says the process is up, and nothing about the deployment (no database kind, no mode).
    config: { access: 'public' },
    schema: { tags: ['system'], response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: () => ({ status: 'ok' as const }),
  });
  app.get('/api/config/map', {
    // The anonymous portal places its map with it; it holds nothing private.
    config: { access: 'public' },
    schema: { tags: ['system'], response: { 200: mapConfig } },
    handler: () => ({ tileUrl: config.mapTileUrl, labelTileUrl: config.mapLabelTileUrl, center: config.mapCenter, zoom: 11 }),
  });
  app.get('/api/config/time', {
    // The deployment's time zone: the console shows times and picks default dates in it.
    config: { access: 'public' },
    schema: { tags: ['system'], response: { 200: z.object({ timeZone: z.string() }) } },
    handler: () => ({ timeZone: config.timeZone }),
  });

  observabilityRoutes(app, kit, [httpMetrics, kit.admission], MODULES.flatMap((m) => m.gauges ?? []));
  authRoutes(app, kit);
  auditRoutes(app, kit);
  liveRoutes(app, kit);
  notificationRoutes(app, db, kit.registry.subjects);
  attachmentRoutes(app, kit);
  for (const m of MODULES) await m.routes?.(app, kit);

  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    // /docs/ too: with the API documentation off, its paths are not the console's.
    if ([...GUARDED_PREFIXES, '/docs/'].some((p) => req.url.startsWith(p)) || !hasWeb || req.method !== 'GET') return sendError(req, reply, 'NOT_FOUND');
    return reply.sendFile('index.html');
  });
  return app;
}
