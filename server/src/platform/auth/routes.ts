import { eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { changePasswordRequest, loginRequest, loginResponse, me, totpEnrollRequest } from '@gridgov/contracts';
import type { App } from '../http/types.js';
import { actorCtx } from '../http/access.js';
import type { Kit } from '../kit/kit.js';
import { recordAudit } from '../audit/write-audit.js';
import { actorFromUser, revokeSession, SESSION_COOKIE, type SessionPolicy } from './sessions.js';
import { completeTotpEnrollment, login, type LoginResult } from './login.js';
import { changePassword } from './change-password.js';
import { describeMe } from './me.js';
import { appUser } from '../accounts/tables.js';


export function authRoutes(app: App, kit: Kit): void {
  const { db, config, providers } = kit;
  const policy: SessionPolicy = { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };

  async function answer(result: LoginResult, reply: FastifyReply, ctxClockNow: Date) {
    if (result.status !== 'ok') return result;
    void reply.setCookie(SESSION_COOKIE, result.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: config.secureCookies,
      expires: new Date(ctxClockNow.getTime() + policy.absoluteHours * 3_600_000),
    });
    const [user] = await db.select().from(appUser).where(eq(appUser.id, result.userId));
    return { status: 'ok' as const, user: await describeMe(db, providers, actorFromUser(user!, null)) };
  }

  app.post('/api/auth/login', {
    config: { access: 'public' },
    schema: { tags: ['auth'], body: loginRequest, response: { 200: loginResponse } },
    handler: async (req, reply) => {
      const result = await login(db, req.ctx, policy, { ...req.body, userAgent: req.headers['user-agent'] ?? null });
      return answer(result, reply, req.ctx.clock.now());
    },
  });
  app.post('/api/auth/totp/enroll', {
    config: { access: 'public' },
    schema: { tags: ['auth'], body: totpEnrollRequest, response: { 200: loginResponse } },
    handler: async (req, reply) => {
      const result = await completeTotpEnrollment(db, req.ctx, policy, { ...req.body, userAgent: req.headers['user-agent'] ?? null });
      return answer(result, reply, req.ctx.clock.now());
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
