/**
 * Announcements (公告) of a region: a command centre drafts one, another person reviews and
 * publishes it (two-person rule), and it reaches staff of the region and everything below it,
 * and, when meant for the public, residents on the portal.
 */
import { z } from 'zod';
import { divisionCode, pageQuery } from '../common.js';

export const ANNOUNCEMENT_STATUSES = ['draft', 'submitted', 'published', 'withdrawn'] as const;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];
export const ANNOUNCEMENT_AUDIENCES = ['staff', 'public'] as const;

const title = z.string().trim().min(2).max(100);
const body = z.string().trim().min(2).max(5000);
const note = z.string().trim().min(1).max(500);

export const announcementInput = z.strictObject({
  regionCode: divisionCode,
  title,
  body,
  audience: z.enum(ANNOUNCEMENT_AUDIENCES).default('public'),
});

const version = { version: z.number().int().min(1) };

/** Each step of an announcement's life, with what it takes. */
export const ANNOUNCEMENT_ACTION_INPUTS = {
  edit: z.strictObject({ ...version, title: title.optional(), body: body.optional(), audience: z.enum(ANNOUNCEMENT_AUDIENCES).optional() }),
  submit: z.strictObject(version),
  publish: z.strictObject({ ...version, note: note.optional() }),
  return: z.strictObject({ ...version, note }),
  withdraw: z.strictObject({ ...version, note }),
} as const;
export type AnnouncementAction = keyof typeof ANNOUNCEMENT_ACTION_INPUTS;
export const ANNOUNCEMENT_ACTIONS = Object.keys(ANNOUNCEMENT_ACTION_INPUTS) as AnnouncementAction[];

export const announcement = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  title: z.string(),
  body: z.string(),
  audience: z.enum(ANNOUNCEMENT_AUDIENCES),
  status: z.enum(ANNOUNCEMENT_STATUSES),
  authorName: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  /** What the caller may do with it now. */
  actions: z.array(z.enum(ANNOUNCEMENT_ACTIONS)),
});
export type Announcement = z.infer<typeof announcement>;

export const announcementListQuery = z.strictObject({
  status: z.enum(ANNOUNCEMENT_STATUSES).optional(),
  region: divisionCode.optional(),
  ...pageQuery,
});

/** What the public portal shows of a published public announcement. */
export const publicAnnouncement = z.object({ id: z.string(), regionName: z.string(), title: z.string(), body: z.string(), publishedAt: z.string() });
export type PublicAnnouncement = z.infer<typeof publicAnnouncement>;
export const publicAnnouncementQuery = z.strictObject({ region: divisionCode });

export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
