import { eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { changePasswordRequest, enrolmentCompleteRequest, enrolmentInfo, enrolmentInspectRequest, loginRequest, loginResponse, me } from '@gridgov/contracts';
import type { App } from '../http/types.js';
import { actorCtx } from '../http/access.js';
import type { Kit } from '../kit/kit.js';
import { recordAudit } from '../audit/write-audit.js';
import { actorFromUser, revokeSession, SESSION_COOKIE, type SessionPolicy } from './sessions.js';
import { LOCKOUT, login } from './login.js';
import { assertSignInAllowed, type SignInLimit } from './sign-in-limit.js';
import { completeEnrolment, inspectEnrolment } from './enrolment.js';
import { changePassword } from './change-password.js';
import { describeMe } from './me.js';
import { appUser } from '../accounts/tables.js';

export function authRoutes(app: App, kit: Kit): void {
  const { db, config, providers } = kit;
  const policy: SessionPolicy = { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };
  const limit: SignInLimit = { failures: config.signInFailuresPerIp, windowMinutes: LOCKOUT.windowMinutes };

  async function signedIn(result: { token: string; userId: string }, reply: FastifyReply, now: Date) {
    void reply.setCookie(SESSION_COOKIE, result.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: config.secureCookies,
      expires: new Date(now.getTime() + policy.absoluteHours * 3_600_000),
    });
    const [user] = await db.select().from(appUser).where(eq(appUser.id, result.userId));
    return { status: 'ok' as const, user: await describeMe(db, providers, actorFromUser(user!, null)) };
  }

  app.post('/api/auth/login', {
    config: { access: 'public' },
    schema: { tags: ['auth'], body: loginRequest, response: { 200: loginResponse } },
    handler: async (req, reply) => {
      const result = await login(db, req.ctx, policy, limit, { ...req.body, userAgent: req.headers['user-agent'] ?? null });
      return signedIn(result, reply, req.ctx.clock.now());
    },
  });
  app.post('/api/auth/enrolment/inspect', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Whose admin account a one-time enrolment code opens, and the authenticator secret to bind', body: enrolmentInspectRequest, response: { 200: enrolmentInfo } },
    handler: async (req) => {
      await assertSignInAllowed(db, req.ctx, limit);
      return inspectEnrolment(db, req.ctx, req.body.code);
    },
  });
  app.post('/api/auth/enrolment/complete', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Set the password and the authenticator of an admin account with its enrolment code; signs in', body: enrolmentCompleteRequest, response: { 200: loginResponse } },
    handler: async (req, reply) => {
      await assertSignInAllowed(db, req.ctx, limit);
      const result = await completeEnrolment(db, req.ctx, policy, { ...req.body, userAgent: req.headers['user-agent'] ?? null });
      return signedIn(result, reply, req.ctx.clock.now());
    },
  });
  app.post('/api/auth/logout', {
    config: { access: 'authenticated', beforePasswordChange: true },
    schema: { tags: ['auth'] },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      if (ctx.actor.sessionId) await revokeSession(db, ctx.actor.sessionId, ctx.clock.now(), 'logout');
      await recordAudit(db, ctx, { action: 'auth.logout', objectType: 'user', objectId: ctx.actor.id, regionCode: ctx.actor.regionCode });
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  });
  app.get('/api/auth/me', {
    config: { access: 'authenticated', beforePasswordChange: true },
    schema: { tags: ['auth'], response: { 200: me } },
    handler: (req) => describeMe(db, providers, actorCtx(req).actor),
  });
  app.post('/api/auth/password', {
    config: { access: 'authenticated', beforePasswordChange: true },
    schema: { tags: ['auth'], body: changePasswordRequest },
    handler: async (req, reply) => {
      await changePassword(db, actorCtx(req), req.body);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  });
}
