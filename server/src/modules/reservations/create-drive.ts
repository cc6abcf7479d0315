/** Drafts a reservation drive with its pickup points, in the manager's subtree; audited. */
import { randomUUID } from 'node:crypto';
import { divisionPrefix, type SupplyDriveInput } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { publishLive } from '../../platform/live/live.js';
import { codeInSubtree } from '../../platform/scope.js';
import type { Db } from '../../platform/db/client.js';
import { findCurrentRegion } from '../regions/queries.js';
import { supplyDrive, supplyPoint } from './tables.js';

export async function createDrive(db: Db, ctx: ActorContext, input: SupplyDriveInput): Promise<string> {
  const invalid = (field: string) => new AppError('VALIDATION_FAILED', { fields: [{ field, code: 'REGION_CODE_INVALID' }] });
  if (ctx.actor.gridId !== null || !codeInSubtree(input.regionCode, ctx.actor.regionPrefix) || !(await findCurrentRegion(db, input.regionCode))) throw invalid('regionCode');
  const prefix = divisionPrefix(input.regionCode);
  for (const [i, p] of input.points.entries()) {
    if (!p.regionCode.startsWith(prefix) || !(await findCurrentRegion(db, p.regionCode))) throw invalid(`points.${i}.regionCode`);
  }
  const id = randomUUID();
  const now = ctx.clock.now();
  const { points, ...drive } = input;
  await db.transaction(async (tx) => {
    await tx.insert(supplyDrive).values({
      id, ...drive, opensAt: new Date(drive.opensAt), closesAt: new Date(drive.closesAt), pickupFrom: new Date(drive.pickupFrom), pickupUntil: new Date(drive.pickupUntil),
      status: 'draft', version: 1, createdBy: ctx.actor.id, createdAt: now, updatedAt: now,
    });
    await tx.insert(supplyPoint).values(points.map((p) => ({ id: randomUUID(), driveId: id, ...p, lon: p.lon ?? null, lat: p.lat ?? null, reserved: 0, pickedUp: 0, released: 0 })));
    await writeAudit(tx, ctx, { action: 'supply_drive.create', objectType: 'supply_drive', objectId: id, regionCode: input.regionCode, details: { itemName: input.itemName, points: points.length, stock: points.reduce((s, p) => s + p.stock, 0) } });
    await publishLive(tx, { type: 'supply_drive.changed', regionCode: input.regionCode, id, at: now.toISOString(), data: { action: 'create', status: 'draft' }, scope: { record: 'supply_drive', regionCode: input.regionCode, state: 'draft' } });
  });
  return id;
}
