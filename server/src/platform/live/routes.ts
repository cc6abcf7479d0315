/**
 * Server-sent events: the live feed. Each event reaches a viewer only when the viewer may read
 * its record over REST (the record kind's visibility rules, with the event's scope); events with
 * no scope are internal to the servers. A stream lives only as long as its session: it ends at
 * once when the session is revoked (sign-out, password change, a disabled account, a change of
 * role or scope), and it rechecks the session every `liveStreams.recheckMs` (expiry).
 */
import type { LiveEvent } from '@gridgov/contracts';
import type { App } from '../http/types.js';
import { actorCtx } from '../http/access.js';
import type { Kit } from '../kit/kit.js';
import { recordVisibleTo } from '../scope.js';
import type { Actor } from '../context.js';
import { SESSION_COOKIE, SESSION_REVOKED, sessionCache } from '../auth/sessions.js';

/** How often an open stream rechecks its session (tests shorten it). */
export const liveStreams = { recheckMs: 15_000 };
const PING_MS = 25_000;

/** Whether a viewer may receive an event: the same rules as reading its record. */
export function deliverable(kit: Pick<Kit, 'registry'>, actor: Actor, event: LiveEvent): boolean {
  const scope = event.scope;
  if (!scope) return false;
  const visibility = kit.registry.records.get(scope.record);
  return visibility !== undefined && recordVisibleTo(actor, visibility, { ...scope, departmentIds: scope.departmentIds ?? [], userIds: scope.userIds ?? [] });
}

export function liveRoutes(app: App, kit: Kit): void {
  const policy = { idleMinutes: kit.config.sessionIdleMinutes, absoluteHours: kit.config.sessionAbsoluteHours };
  app.get('/api/live', {
    // A stream lasts as long as the console is open: it would hold an admission slot for hours.
    config: { access: 'live:read', admission: 'exempt' },
    schema: { tags: ['live'], summary: 'Server-sent events of the changes the caller may read' },
    handler: (req, reply) => {
      const actor = actorCtx(req).actor;
      const token = req.cookies[SESSION_COOKIE] ?? '';
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(': connected\n\n');
      let open = true;
      kit.live.streams++;
      const end = (): void => {
        if (!open) return;
        open = false;
        kit.live.streams--;
        clearInterval(ping);
        clearInterval(recheck);
        kit.live.off('event', send);
        res.end();
      };
      const send = (event: LiveEvent): void => {
        if (event.type === SESSION_REVOKED) {
          const revoked = (event.data ?? {}) as { sessionId?: string; userId?: string };
          if (revoked.sessionId === actor.sessionId || revoked.userId === actor.id) end();
          return;
        }
        if (!deliverable(kit, actor, event)) return;
        const { scope: _scope, ...shown } = event;
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(shown)}\n\n`);
      };
      const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
      const recheck = setInterval(() => {
        sessionCache.authenticate(kit.db, token, kit.clock.now(), policy, kit.providers.memberships).then(
          (result) => {
            if (!result.ok) end();
          },
          () => end(),
        );
      }, liveStreams.recheckMs);
      kit.live.on('event', send);
      req.raw.on('close', end);
    },
  });
}
