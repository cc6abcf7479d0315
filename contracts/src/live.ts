/** The live feed's events. */
import { z } from 'zod';

// ---------- live feed ----------
/**
 * An event of the live feed (`GET /api/live`, server-sent events; the event name is `type`):
 * `ticket.created` and `ticket.changed` carry `data.number` and `data.categoryId` (and
 * `data.action`, `data.status` for a change), `grid.changed` a grid's id.
 */
export const liveEvent = z.object({
  type: z.string(),
  /** The region the event belongs to: only viewers whose scope holds it receive it. */
  regionCode: z.string(),
  gridId: z.string().optional(),
  id: z.string().optional(),
  at: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
  /**
   * Who may receive it: the kind of record it is about (whose visibility rules apply, the same
   * rules as its REST reads) and that record's place and bindings. Never sent to browsers; an
   * event without one is internal to the servers.
   */
  scope: z
    .object({
      record: z.string(),
      regionCode: z.string(),
      gridId: z.string().nullable().optional(),
      departmentIds: z.array(z.string()).optional(),
      userIds: z.array(z.string()).optional(),
      state: z.string().optional(),
    })
    .optional(),
});
export type LiveEvent = z.infer<typeof liveEvent>;
