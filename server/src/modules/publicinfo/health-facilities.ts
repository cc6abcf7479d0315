/** The health-facility directory (医院信息): added and changed by a manager of the facility's region subtree, audited. */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { HealthFacilityKind, OpeningHours } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { ActorContext } from '../../platform/http/types.js';
import { publishLive } from '../../platform/live/live.js';
import { recordVisible } from '../../platform/scope.js';
import { assertWritableRegion } from './rebuttals.js';
import { healthFacility } from './tables.js';
import { HEALTH_FACILITY_VISIBILITY } from './workflow.js';

export interface FacilityFields {
  name: string;
  kind: HealthFacilityKind;
  address: string;
  lon: number;
  lat: number;
  phone: string;
  hours: OpeningHours;
  services: string;
}

export async function createHealthFacility(db: Db, ctx: ActorContext, input: FacilityFields & { regionCode: string }): Promise<string> {
  await assertWritableRegion(db, ctx, input.regionCode);
  const id = randomUUID();
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    await tx.insert(healthFacility).values({ id, ...input, active: true, version: 1, createdBy: ctx.actor.id, createdAt: now, updatedAt: now });
    await writeAudit(tx, ctx, { action: 'health_facility.create', objectType: 'health_facility', objectId: id, regionCode: input.regionCode, details: { name: input.name, kind: input.kind } });
    await publishLive(tx, { type: 'health_facility.changed', regionCode: input.regionCode, id, at: now.toISOString(), data: { action: 'create' }, scope: { record: 'health_facility', regionCode: input.regionCode } });
  });
  return id;
}

export async function updateHealthFacility(db: Db, ctx: ActorContext, id: string, input: Partial<FacilityFields> & { version: number; active?: boolean }): Promise<void> {
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(healthFacility).where(and(eq(healthFacility.id, id), recordVisible(ctx.actor, HEALTH_FACILITY_VISIBILITY))).for('update');
    if (!row) throw notFound();
    if (row.version !== input.version) throw new AppError('HEALTH_FACILITY_VERSION_CONFLICT', { current: row.version });
    const { version: _v, ...given } = input;
    const changes = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
    await tx.update(healthFacility).set({ ...changes, version: row.version + 1, updatedAt: now }).where(eq(healthFacility.id, id));
    await writeAudit(tx, ctx, { action: 'health_facility.update', objectType: 'health_facility', objectId: id, regionCode: row.regionCode, details: { changed: Object.keys(changes), version: row.version + 1 } });
    await publishLive(tx, { type: 'health_facility.changed', regionCode: row.regionCode, id, at: now.toISOString(), data: { action: 'update' }, scope: { record: 'health_facility', regionCode: row.regionCode } });
  });
}
