/** Notifications: about any subject (a ticket, an announcement, a task), rendered in the reader's language. */
import { z } from 'zod';

export const notificationItem = z.object({
  id: z.string(),
  /** What it is about: a ticket, an announcement, a dispute... */
  subjectType: z.string(),
  subjectId: z.string(),
  /** The subject's id when it is a ticket (older clients read this). */
  ticketId: z.string().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
  /**
   * What the subject is, where, and how urgent, as its module describes it now (a ticket: its
   * category, grid and address, emergency, the time limit it runs against); absent when the
   * module does not describe its subjects or the reader may no longer read this one.
   */
  about: z.object({ what: z.string(), where: z.string().nullable(), urgent: z.boolean(), dueAt: z.string().nullable() }).nullable().optional(),
});
export const notificationList = z.object({ items: z.array(notificationItem), unread: z.number().int() });
export const notificationQuery = z.strictObject({ unread: z.enum(['true', 'false']).optional() });
