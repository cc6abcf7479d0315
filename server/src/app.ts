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
import { errorHandler, sendError } from './platform/http/error-handler.js';
import { inputGuard } from './platform/http/input-guard.js';
import { authRoutes } from './platform/auth/routes.js';
import { SESSION_REVOKED, sessionCache } from './platform/auth/sessions.js';
import { auditRoutes } from './platform/audit/routes.js';
import { liveRoutes } from './platform/live/routes.js';
import { notificationRoutes } from './platform/notifications/routes.js';
import { attachmentRoutes } from './platform/files/routes.js';
import { redactQuery } from './platform/pii/redact.js';
import { MODULES } from './modules/index.js';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export async function buildApp(kit: Kit): Promise<App> {
  const { config, clock, db } = kit;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Exact-value searches put ID numbers and phones in the query string: keep them out of logs.
      serializers: { req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, url: redactQuery(req.url) }) },
    },
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
  app.addHook('preValidation', inputGuard);
  app.addHook('onRequest', securityHeaders(config));

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
  app.addHook('onRequest', makeAccessHook(db, clock, policy, sessionCache, kit.providers.memberships));

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
    handler: () => ({ tileUrl: config.mapTileUrl, center: config.mapCenter, zoom: 11 }),
  });

  authRoutes(app, kit);
  auditRoutes(app, db);
  liveRoutes(app, kit);
  notificationRoutes(app, db);
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
