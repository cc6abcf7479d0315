import type { FastifyInstance, FastifyBaseLogger, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteAccess } from '@gridgov/contracts';
import type { Actor, RequestContext } from '../context.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs. Every /api and /open311 route must declare it (enforced at start-up). */
    access?: RouteAccess;
    /**
     * The kind of record the route's `:id` names (`ticket`, `resident`...): the generated scope
     * matrix reads it, and a route with an id parameter must declare it.
     */
    record?: string;
    /**
     * Usable by an account that must still change its password (a new account, or one whose
     * password was reset): only sign-out, `GET /api/auth/me` and the password change say so.
     */
    beforePasswordChange?: true;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export type ActorContext = RequestContext & { actor: Actor };
