/** The caller's in-app notifications. */
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { notification } from './tables.js';

export async function listNotifications(db: Db, userId: string, unreadOnly: boolean) {
  const mine = eq(notification.userId, userId);
  const [items, [unread]] = await Promise.all([
    db.select().from(notification).where(and(mine, unreadOnly ? isNull(notification.readAt) : undefined)).orderBy(desc(notification.createdAt)).limit(100),
    db.select({ n: count() }).from(notification).where(and(mine, isNull(notification.readAt))),
  ]);
  return {
    items: items.map((n) => ({ id: n.id, ticketId: n.ticketId, kind: n.kind, title: n.title, body: n.body, read: n.readAt !== null, createdAt: n.createdAt.toISOString() })),
    unread: Number(unread?.n ?? 0),
  };
}

/** Marks one (or, without an id, every) notification of the user read. */
export async function markRead(db: Db, userId: string, now: Date, id?: string): Promise<void> {
  await db
    .update(notification)
    .set({ readAt: now })
    .where(and(eq(notification.userId, userId), isNull(notification.readAt), id ? eq(notification.id, id) : undefined));
}
