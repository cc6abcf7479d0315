/**
 * The request path before a handler runs: authenticate from the session cookie, then check the
 * route's declared access. A route without a declared access refuses to register.
 */
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { type Locale, type Permission, type RouteAccess, PERMISSIONS } from '@gridgov/contracts';
import { AppError } from '../errors.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { SESSION_COOKIE, type Memberships, type SessionCache, type SessionPolicy } from '../auth/sessions.js';
import type { ActorContext } from './types.js';

export const GUARDED_PREFIXES = ['/api/', '/open311/'];

function isPermission(value: unknown): value is Permission {
  return PERMISSIONS.includes(value as Permission);
}

/** Whether the actor's permissions satisfy a route's declared access (a list: any of them). */
export function grants(permissions: readonly Permission[], access: RouteAccess): boolean {
  if (access === 'public' || access === 'authenticated') return true;
  return typeof access === 'string' ? permissions.includes(access) : access.some((p) => permissions.includes(p));
}

/** Called for every route as it registers: the route must say what it needs. */
export function assertRouteAccess(route: RouteOptions): void {
  const url = route.url ?? '';
  if (!GUARDED_PREFIXES.some((p) => url.startsWith(p))) return;
  const access = route.config?.access;
  const known = access === 'public' || access === 'authenticated' || (Array.isArray(access) ? access.length > 0 && access.every(isPermission) : isPermission(access));
  if (!known) throw new Error(`Route ${String(route.method)} ${url} declares no permission (config.access)`);
  // A route that names a record must say which kind: the generated scope matrix probes it with records out of scope.
  if (access !== 'public' && /\/:\w/.test(url) && !route.config?.record) throw new Error(`Route ${String(route.method)} ${url} names a record but declares no record kind (config.record)`);
}

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  record: string | undefined;
  beforePasswordChange: boolean;
  /** The route's request schemas (zod), so a test can walk every route with hostile input. */
  schema: { params?: unknown; querystring?: unknown; body?: unknown };
}

const routeTables = new WeakMap<object, RouteEntry[]>();

/** Checks every route as it registers and keeps the list, so a test can read it. */
export function trackRoutes(app: { addHook(name: 'onRoute', hook: (route: RouteOptions) => void): unknown }): void {
  const table: RouteEntry[] = [];
  routeTables.set(app, table);
  app.addHook('onRoute', (route) => {
    assertRouteAccess(route);
    const schema = (route.schema ?? {}) as RouteEntry['schema'];
    table.push({
      method: String(route.method),
      url: route.url ?? '',
      access: route.config?.access,
      record: route.config?.record,
      beforePasswordChange: route.config?.beforePasswordChange === true,
      schema: { params: schema.params, querystring: schema.querystring, body: schema.body },
    });
  });
}

export function registeredRoutes(app: object): RouteEntry[] {
  return routeTables.get(app) ?? [];
}

export function localeOf(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'] ?? '';
  return /^en\b/i.test(header.trim()) ? 'en' : 'zh-CN';
}

/** The session behind the request's cookie, or the error that says why there is none. */
async function sessionOf(db: Db, clock: Clock, policy: SessionPolicy, sessions: SessionCache, memberships: Memberships, request: FastifyRequest, reply: FastifyReply) {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) throw new AppError('AUTH_REQUIRED');
  const result = await sessions.authenticate(db, token, clock.now(), policy, memberships);
  if (!result.ok) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    throw new AppError(result.code);
  }
  return result;
}

/** For pages outside the API that only staff may open (the API documentation): any signed-in role but residents. */
export function makeStaffOnlyHook(db: Db, clock: Clock, policy: SessionPolicy, sessions: SessionCache, memberships: Memberships) {
  return async function staffOnly(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const result = await sessionOf(db, clock, policy, sessions, memberships, request, reply);
    if (result.mustChangePassword) throw new AppError('AUTH_PASSWORD_CHANGE_REQUIRED');
    // Staff: every role but a resident's (whose account reports, declares and follows its own records).
    if (result.actor.role === 'resident') throw new AppError('FORBIDDEN');
  };
}

export function makeAccessHook(db: Db, clock: Clock, policy: SessionPolicy, sessions: SessionCache, memberships: Memberships) {
  return async function accessHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    request.ctx = { actor: null, ip: request.ip, requestId: request.id, locale: localeOf(request), clock };
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;
    const result = await sessionOf(db, clock, policy, sessions, memberships, request, reply);
    request.ctx.actor = result.actor;
    // A password someone else chose (a new account, a reset) opens nothing but its own change.
    if (result.mustChangePassword && request.routeOptions.config?.beforePasswordChange !== true) throw new AppError('AUTH_PASSWORD_CHANGE_REQUIRED');
    if (!grants(result.actor.permissions, access)) throw new AppError('FORBIDDEN');
  };
}

/** The request's context with its actor; only for routes that are not public. */
export function actorCtx(request: FastifyRequest): ActorContext {
  if (!request.ctx.actor) throw new AppError('AUTH_REQUIRED');
  return request.ctx as ActorContext;
}
