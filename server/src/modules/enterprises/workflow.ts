/**
 * A resumption application's life as data (platform/workflow): drafted and edited by staff who
 * file for the enterprise (grid workers of its grid, operators of its region) or by the portal
 * account linked to the enterprise as its filer (企业填报人), submitted (again after a return),
 * then approved, returned with a reason, or rejected by a reviewer of the township or a level
 * above; an approved resumption can be revoked. Who sees one: holders of any staff enterprise
 * permission whose scope holds the enterprise's grid, and the enterprise's current filers.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { ApplicationAction, ApplicationStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { gridRecordInScope, placeInScope, recordVisible, type RecordScope, type Visibility } from '../../platform/scope.js';
import { allowedActions, type Rules, type Workflow } from '../../platform/workflow/workflow.js';
import { enterpriseApplication, enterpriseApplicationStep } from './tables.js';
import { currentFilers, FILER_PERMISSION, linkedOrganizations, linkedTo } from './filer-access.js';

export type ApplicationRow = typeof enterpriseApplication.$inferSelect;

export interface Standing {
  /** Holds `enterprise:write` and the enterprise's grid lies in their scope. */
  filer: boolean;
  /** Holds `enterprise:review` at the township or above, over the enterprise's region. */
  reviewer: boolean;
  /** A portal account currently linked to the enterprise as its filer. */
  linked: boolean;
}

/** The deepest level that reviews: a township's prefix has 9 digits (a community's 12). */
const TOWNSHIP_PREFIX_LENGTH = 9;

export const APPLICATION_RULES: Rules<ApplicationStatus, ApplicationAction, Standing, { status: ApplicationStatus }> = {
  edit: { from: ['draft', 'returned'], who: (s) => s.filer || s.linked },
  submit: { from: ['draft', 'returned'], who: (s) => s.filer || s.linked },
  return: { from: ['submitted'], who: (s) => s.reviewer },
  approve: { from: ['submitted'], who: (s) => s.reviewer },
  reject: { from: ['submitted'], who: (s) => s.reviewer },
  revoke: { from: ['approved'], who: (s) => s.reviewer },
};

const inScope = (actor: Actor) => gridRecordInScope(actor, enterpriseApplication.regionCode, enterpriseApplication.gridId);
const placeTest = (actor: Actor, a: RecordScope) => placeInScope(actor, a);

export const APPLICATION_VISIBILITY: Visibility<RecordScope> = [
  { permission: 'enterprise:read', where: inScope, test: placeTest },
  { permission: 'enterprise:write', where: inScope, test: placeTest },
  { permission: 'enterprise:review', where: inScope, test: placeTest },
  // The enterprise's filers: its current links, read on every request; a live event names them.
  { permission: FILER_PERMISSION, where: (actor) => linkedTo(actor, enterpriseApplication.organizationId), test: (actor, a) => a.userIds?.includes(actor.id) ?? false },
];

export const applicationScope = (a: Pick<ApplicationRow, 'regionCode' | 'gridId' | 'status'>, filers: readonly string[] = []): RecordScope => ({
  record: 'enterprise_application', regionCode: a.regionCode, gridId: a.gridId, state: a.status, userIds: [...filers],
});

/** Whether the actor is currently linked to the application's enterprise as its filer. */
export async function linkedToApplication(db: Db, actor: Actor, a: Pick<ApplicationRow, 'organizationId'>): Promise<boolean> {
  return actor.permissions.includes(FILER_PERMISSION) && (await linkedOrganizations(db, actor.id, [a.organizationId])).has(a.organizationId);
}

export function standingOf(actor: Actor, a: Pick<ApplicationRow, 'regionCode' | 'gridId'>, linked = false): Standing {
  const reach = placeInScope(actor, a);
  return {
    linked,
    filer: reach && actor.permissions.includes('enterprise:write'),
    reviewer: reach && actor.gridId === null && actor.regionPrefix.length <= TOWNSHIP_PREFIX_LENGTH && actor.permissions.includes('enterprise:review'),
  };
}

export function applicationActions(actor: Actor, a: ApplicationRow, now: Date, linked = false): ApplicationAction[] {
  return allowedActions(APPLICATION_RULES, { status: a.status as ApplicationStatus }, standingOf(actor, a, linked), now);
}

export async function loadApplication(db: Db, actor: Actor | null, id: string, forUpdate = false): Promise<ApplicationRow> {
  const query = db.select().from(enterpriseApplication).where(and(eq(enterpriseApplication.id, id), actor ? recordVisible(actor, APPLICATION_VISIBILITY) : sql`true`));
  const [row] = await (forUpdate ? query.for('update') : query);
  if (!row) throw notFound();
  return row;
}

export const applicationWorkflow: Workflow<ApplicationRow, ApplicationStatus, ApplicationAction, Standing, { status: ApplicationStatus }> = {
  kind: 'enterprise_application',
  rules: APPLICATION_RULES,
  errors: { state: 'ENTERPRISE_APPLICATION_STATE', version: 'ENTERPRISE_APPLICATION_VERSION_CONFLICT' },
  load: (tx, actor, id) => loadApplication(tx, actor, id, true),
  id: (a) => a.id,
  version: (a) => a.version,
  regionCode: (a) => a.regionCode,
  subject: async (_tx, a) => ({ status: a.status as ApplicationStatus }),
  standing: async (tx, actor, a) => standingOf(actor, a, await linkedToApplication(tx, actor, a)),
  async save(tx, a, { status, patch, version, now }) {
    const next = { ...a, ...patch, status, version, updatedAt: now };
    const { id: _id, ...columns } = next;
    await tx.update(enterpriseApplication).set(columns).where(eq(enterpriseApplication.id, a.id));
    return next;
  },
  async timeline(tx, ctx, a, step) {
    await tx.insert(enterpriseApplicationStep).values({
      id: randomUUID(), applicationId: a.id, version: a.version, action: step.action, fromStatus: step.fromStatus, toStatus: step.toStatus, note: step.note,
      attachments: step.attachments.map((f) => ({ id: f.id, name: f.name })), actorId: ctx.actor?.id ?? null, actorName: ctx.actor?.displayName ?? null, at: ctx.clock.now(),
    });
  },
  liveScope: async (tx, a) => applicationScope(a, await currentFilers(tx, a.organizationId)),
  liveData: (a) => ({ number: a.number }),
};
