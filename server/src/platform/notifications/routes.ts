/** The caller's in-app notifications, rendered in the caller's language. */
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { MESSAGES, notificationList, notificationQuery, renderMessage, uuid, type Locale, type MessageParams } from '@gridgov/contracts';
import type { Db } from '../db/client.js';
import type { App } from '../http/types.js';
import { actorCtx } from '../http/access.js';
import { notFound } from '../errors.js';
import { notification } from './tables.js';

export async function listNotifications(db: Db, userId: string, unreadOnly: boolean, locale: Locale) {
  const mine = eq(notification.userId, userId);
  const [items, [unread]] = await Promise.all([
    db.select().from(notification).where(and(mine, unreadOnly ? isNull(notification.readAt) : undefined)).orderBy(desc(notification.createdAt)).limit(100),
    db.select({ n: count() }).from(notification).where(and(mine, isNull(notification.readAt))),
  ]);
  return {
    items: items.map((n) => {
      const params = n.params as MessageParams;
      return {
        id: n.id,
        subjectType: n.subjectType,
        subjectId: n.subjectId,
        ticketId: n.subjectType === 'ticket' ? n.subjectId : null,
        kind: n.kind,
        title: renderMessage(MESSAGES, n.kind, params, locale),
        body: typeof params.body === 'string' ? params.body : null,
        read: n.readAt !== null,
        createdAt: n.createdAt.toISOString(),
      };
    }),
    unread: Number(unread?.n ?? 0),
  };
}

/** Marks one (or, without an id, every) notification of the user read; another's is not found. */
export async function markRead(db: Db, userId: string, now: Date, id?: string): Promise<void> {
  await db
    .update(notification)
    .set({ readAt: now })
    .where(and(eq(notification.userId, userId), isNull(notification.readAt), id ? eq(notification.id, id) : undefined));
  if (id) {
    const [mine] = await db.select({ id: notification.id }).from(notification).where(and(eq(notification.id, id), eq(notification.userId, userId)));
    if (!mine) throw notFound();
  }
}

export function notificationRoutes(app: App, db: Db): void {
  const tags = ['notifications'];
  app.get('/api/notifications', {
    config: { access: 'authenticated' },
    schema: { tags, querystring: notificationQuery, response: { 200: notificationList } },
    handler: (req) => listNotifications(db, actorCtx(req).actor.id, req.query.unread === 'true', req.ctx.locale),
  });
  app.post('/api/notifications/:id/read', {
    config: { access: 'authenticated', record: 'notification' },
    schema: { tags, params: z.strictObject({ id: uuid }) },
    handler: async (req, reply) => {
      await markRead(db, actorCtx(req).actor.id, req.ctx.clock.now(), req.params.id);
      return reply.status(204).send();
    },
  });
  app.post('/api/notifications/read-all', {
    config: { access: 'authenticated' },
    schema: { tags },
    handler: async (req, reply) => {
      await markRead(db, actorCtx(req).actor.id, req.ctx.clock.now());
      return reply.status(204).send();
    },
  });
}
