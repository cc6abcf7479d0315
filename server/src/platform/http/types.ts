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
    /**
     * Accepts an `Idempotency-Key` header: a replay of the same request by the same user gets the
     * first answer and changes nothing (`platform/http/idempotency.ts`). The answer must be JSON.
     */
    idempotent?: true;
    /**
     * The route's traffic class for admission control (`platform/http/admission.ts`) where the
     * default (sign-in, the signed-in console, anonymous) is not it: reports say `intake`;
     * `exempt` for a long-lived stream (the live feed), which would hold a slot for hours.
     */
    admission?: 'sign-in' | 'console' | 'intake' | 'exempt';
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export type ActorContext = RequestContext & { actor: Actor };
