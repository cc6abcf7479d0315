/** The caller's in-app notifications, rendered in the caller's language. */
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { MESSAGES, notificationList, notificationQuery, renderMessage, uuid, type Locale, type MessageParams } from '@gridgov/contracts';
import type { Db } from '../db/client.js';
import type { App } from '../http/types.js';
import { actorCtx } from '../http/access.js';
import { notFound } from '../errors.js';
import { notification } from './tables.js';
import type { Actor } from '../context.js';
import type { NoticeAbout, SubjectDescriber } from './notify.js';

/** What each notification's subject is, by the describers the modules registered (only subjects the reader may still read). */
async function describeSubjects(db: Db, reader: Actor, subjects: Map<string, SubjectDescriber>, items: { subjectType: string; subjectId: string }[]): Promise<Map<string, NoticeAbout>> {
  const out = new Map<string, NoticeAbout>();
  for (const [type, describe] of subjects) {
    const ids = [...new Set(items.filter((n) => n.subjectType === type).map((n) => n.subjectId))];
    if (ids.length === 0) continue;
    for (const [id, about] of await describe(db, reader, ids)) out.set(`${type}:${id}`, about);
  }
  return out;
}

export async function listNotifications(db: Db, reader: Actor, unreadOnly: boolean, locale: Locale, subjects: Map<string, SubjectDescriber> = new Map()) {
  const userId = reader.id;
  const mine = eq(notification.userId, userId);
  const [items, [unread]] = await Promise.all([
    db.select().from(notification).where(and(mine, unreadOnly ? isNull(notification.readAt) : undefined)).orderBy(desc(notification.createdAt)).limit(100),
    db.select({ n: count() }).from(notification).where(and(mine, isNull(notification.readAt))),
  ]);
  const about = await describeSubjects(db, reader, subjects, items);
  return { items: items.map((n) => present(n, about.get(`${n.subjectType}:${n.subjectId}`) ?? null, locale)), unread: Number(unread?.n ?? 0) };
}

/** One notification as the reader sees it, in the reader's language. */
function present(n: typeof notification.$inferSelect, about: NoticeAbout | null, locale: Locale) {
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
    about,
  };
}

/**
 * The reader's notifications about records of one kind that the reader may still read (those
 * the kind's describer answers for), newest first, with how many of them are unread: for a page
 * that shows one module's notices (the portal's enterprise filer sees only the enterprises it is
 * linked to now).
 */
export async function listSubjectNotifications(db: Db, reader: Actor, locale: Locale, subjectType: string, describe: SubjectDescriber) {
  const items = await db
    .select()
    .from(notification)
    .where(and(eq(notification.userId, reader.id), eq(notification.subjectType, subjectType)))
    .orderBy(desc(notification.createdAt))
    .limit(100);
  const about = items.length ? await describe(db, reader, [...new Set(items.map((n) => n.subjectId))]) : new Map<string, NoticeAbout>();
  const readable = items.filter((n) => about.has(n.subjectId));
  return { items: readable.map((n) => present(n, about.get(n.subjectId)!, locale)), unread: readable.filter((n) => n.readAt === null).length };
}

/** How many of the user's notifications are unread. */
export async function unreadNotifications(db: Db, userId: string): Promise<number> {
  const [found] = await db.select({ n: count() }).from(notification).where(and(eq(notification.userId, userId), isNull(notification.readAt)));
  return Number(found?.n ?? 0);
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

export function notificationRoutes(app: App, db: Db, subjects: Map<string, SubjectDescriber> = new Map()): void {
  const tags = ['notifications'];
  app.get('/api/notifications', {
    config: { access: 'authenticated' },
    schema: { tags, querystring: notificationQuery, response: { 200: notificationList } },
    handler: (req) => listNotifications(db, actorCtx(req).actor, req.query.unread === 'true', req.ctx.locale, subjects),
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
