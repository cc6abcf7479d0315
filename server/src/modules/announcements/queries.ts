/** Reads of announcements: the caller's visible ones, and the public ones that apply at a place. */
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Announcement, AnnouncementStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { ancestorCodes, recordVisible, underRegion } from '../../platform/scope.js';
import { regionNames } from '../regions/queries.js';
import { announcement } from './tables.js';
import { ANNOUNCEMENT_VISIBILITY, announcementActions, loadAnnouncement, type AnnouncementRow } from './workflow.js';

async function present(db: Db, actor: Actor, rows: AnnouncementRow[], now: Date): Promise<Announcement[]> {
  const [regions, authors] = await Promise.all([regionNames(db, rows.map((r) => r.regionCode)), accountNames(db, rows.map((r) => r.createdBy))]);
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.regionCode,
    regionName: regions.get(r.regionCode) ?? '',
    title: r.title,
    body: r.body,
    audience: r.audience as Announcement['audience'],
    status: r.status as AnnouncementStatus,
    authorName: authors.get(r.createdBy) ?? null,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    actions: announcementActions(actor, r, now),
  }));
}

export async function listAnnouncements(db: Db, actor: Actor, q: { status?: AnnouncementStatus; region?: string; page: number; pageSize: number }, now: Date) {
  const where = and(recordVisible(actor, ANNOUNCEMENT_VISIBILITY), q.status ? eq(announcement.status, q.status) : undefined, q.region ? underRegion(announcement.regionCode, q.region) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(announcement).where(where).orderBy(desc(announcement.updatedAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(announcement).where(where),
  ]);
  return { items: await present(db, actor, rows, now), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function getAnnouncement(db: Db, actor: Actor, id: string, now: Date): Promise<Announcement> {
  return (await present(db, actor, [await loadAnnouncement(db, actor, id)], now))[0]!;
}

/** The published public announcements that apply at a place: its own region's and those of the regions above it. */
export async function publicAnnouncements(db: Db, regionCode: string) {
  const rows = await db
    .select()
    .from(announcement)
    .where(and(eq(announcement.status, 'published'), eq(announcement.audience, 'public'), inArray(announcement.regionCode, [...ancestorCodes(regionCode), regionCode])))
    .orderBy(desc(announcement.publishedAt))
    .limit(50);
  const names = await regionNames(db, rows.map((r) => r.regionCode));
  return rows.map((r) => ({ id: r.id, regionName: names.get(r.regionCode) ?? '', title: r.title, body: r.body, publishedAt: r.publishedAt!.toISOString() }));
}
