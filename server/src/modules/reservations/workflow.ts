/**
 * A reservation drive's life as data (platform/workflow): drafted by a command centre, opened
 * (residents may reserve between its opening and closing times), closed early if need be,
 * cancelled, and ended by its timer at the end of the pickup window, when what was not collected
 * goes back to stock. Who sees a drive: managers of its region's subtree; pickup staff the drives
 * with a pickup point in their scope (and only those points).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { SupplyDriveAction, SupplyDriveStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { codeInSubtree, recordVisible, regionInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { allowedActions, type Rules, type Workflow } from '../../platform/workflow/workflow.js';
import { supplyDrive, supplyPoint } from './tables.js';

export type DriveRow = typeof supplyDrive.$inferSelect;

export interface Standing {
  /** Holds `reservation:manage` and the drive's region lies in their subtree. */
  manager: boolean;
}

export const DRIVE_RULES: Rules<SupplyDriveStatus, SupplyDriveAction, Standing, { status: SupplyDriveStatus }> = {
  open: { from: ['draft'], who: (s) => s.manager },
  close: { from: ['open'], who: (s) => s.manager },
  cancel: { from: ['draft', 'open'], who: (s) => s.manager },
  end: { from: ['open', 'closed'], system: true },
};

export const DRIVE_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'reservation:manage', where: (actor) => regionInScope(actor, supplyDrive.regionCode), test: (actor, d) => codeInSubtree(d.regionCode, actor.regionPrefix) },
  {
    permission: 'reservation:pickup',
    where: (actor) => sql`exists (select 1 from ${supplyPoint} where ${supplyPoint.driveId} = ${supplyDrive.id} and ${regionInScope(actor, supplyPoint.regionCode)})`,
    // The live feed describes a drive by its own region, not its points': pickup staff are not sent its changes.
    test: () => false,
  },
];

/** The points of a drive the caller may see: all of them for its managers, those in scope for pickup staff. */
export function pointVisible(actor: Actor, drive: Pick<DriveRow, 'regionCode'>) {
  return actor.permissions.includes('reservation:manage') && codeInSubtree(drive.regionCode, actor.regionPrefix) ? sql`true` : regionInScope(actor, supplyPoint.regionCode);
}

export function standingOf(actor: Actor, d: DriveRow): Standing {
  return { manager: actor.gridId === null && actor.permissions.includes('reservation:manage') && codeInSubtree(d.regionCode, actor.regionPrefix) };
}

export function driveActions(actor: Actor, d: DriveRow, now: Date) {
  return allowedActions(DRIVE_RULES, { status: d.status as SupplyDriveStatus }, standingOf(actor, d), now).filter((a): a is Exclude<SupplyDriveAction, 'end'> => a !== 'end');
}

export async function loadDrive(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<DriveRow> {
  const query = db.select().from(supplyDrive).where(and(eq(supplyDrive.id, id), actor ? recordVisible(actor, DRIVE_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const driveWorkflow: Workflow<DriveRow, SupplyDriveStatus, SupplyDriveAction, Standing, { status: SupplyDriveStatus }> = {
  kind: 'supply_drive',
  rules: DRIVE_RULES,
  errors: { state: 'SUPPLY_DRIVE_STATE', version: 'SUPPLY_DRIVE_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadDrive(tx, actor, id, true),
  id: (d) => d.id,
  version: (d) => d.version,
  regionCode: (d) => d.regionCode,
  subject: async (_tx, d) => ({ status: d.status as SupplyDriveStatus }),
  standing: async (_tx, actor, d) => standingOf(actor, d),
  async save(tx, d, { status, patch, version, now }) {
    const next = { ...d, ...patch, status, version, updatedAt: now };
    const { id: _id, ...columns } = next;
    await tx.update(supplyDrive).set(columns).where(eq(supplyDrive.id, d.id));
    return next;
  },
  liveScope: async (_tx, d) => ({ record: 'supply_drive', regionCode: d.regionCode, state: d.status }),
  liveData: (d) => ({ itemName: d.itemName }),
};
