/**
 * Every step of a drive after the draft goes through the workflow kit: open (which queues the
 * timer that ends it at the end of its pickup window), close, cancel, and the timer's `end`, which
 * releases what was reserved and not collected: those reservations become `released` and their
 * units go back to the points' stock, in the same transaction as the step's audit entry.
 */
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { SupplyDriveAction } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import type { RequestContext } from '../../platform/context.js';
import { systemContext } from '../../platform/context.js';
import { rows, type Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { runTransition, type Effects, type TimerRequest } from '../../platform/workflow/workflow.js';
import { driveWorkflow, type DriveRow } from './workflow.js';

export const END_JOB = { name: 'supply_drive.end', payload: z.object({ driveId: z.string() }) };

function endTimer(d: DriveRow): TimerRequest {
  return { job: END_JOB, payload: { driveId: d.id }, runAt: d.pickupUntil, key: `${END_JOB.name}:${d.id}` };
}

/** Releases the drive's uncollected reservations; returns how many, per point, for the audit entry. */
async function releaseUnclaimed(tx: Db, d: DriveRow): Promise<number> {
  const released = await rows<{ point_id: string; n: number }>(
    tx,
    sql`with r as (update supply_reservation set status = 'released' where drive_id = ${d.id} and status = 'reserved' returning point_id)
        select point_id, count(*)::int as n from r group by point_id`,
  );
  if (released.length > 0) {
    await tx.execute(sql`update supply_point p set reserved = p.reserved - c.n, released = p.released + c.n from jsonb_to_recordset(${JSON.stringify(released)}::jsonb) as c(point_id uuid, n int) where p.id = c.point_id`);
  }
  return released.reduce((s, r) => s + r.n, 0);
}

type Step = (tx: Db, d: DriveRow) => Promise<Effects<DriveRow, DriveRow['status'] & string>>;

const STEPS: Record<SupplyDriveAction, Step> = {
  open: async (_tx, d) => ({ status: 'open', timers: [endTimer(d)] }),
  close: async () => ({ status: 'closed' }),
  cancel: async (tx, d) => ({ status: 'cancelled', data: { released: await releaseUnclaimed(tx, d) } }),
  end: async (tx, d) => ({ status: 'ended', data: { released: await releaseUnclaimed(tx, d) } }),
};

export async function transitionDrive(kit: Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers'>, ctx: RequestContext, id: string, action: SupplyDriveAction, input: { version?: number; note?: string }): Promise<void> {
  await runTransition(kit, ctx, driveWorkflow, id, action, { version: input.version, note: input.note ?? null }, ({ tx, row }) => STEPS[action](tx, row));
}

export const driveEndJob = (kit: Kit) =>
  defineJob({
    ...END_JOB,
    async handle(p, { clock }) {
      try {
        await transitionDrive(kit, systemContext(clock, END_JOB.name), p.driveId, 'end', {});
      } catch (error) {
        // Cancelled (or gone) before its pickup window ended: nothing to release.
        if (error instanceof AppError && (error.code === 'SUPPLY_DRIVE_STATE' || error.code === 'NOT_FOUND')) return;
        throw error;
      }
    },
  });
