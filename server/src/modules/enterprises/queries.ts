/** Reads of applications (scoped list, one with its staff list, read audited) and the enterprise picker. */
import { and, asc, count, desc, eq, ilike, inArray, or } from 'drizzle-orm';
import type { Application, ApplicationStatus, ApplicationSummary, EnterpriseRef } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { recordAudit } from '../../platform/audit/write-audit.js';
import { recordVisible, underRegion } from '../../platform/scope.js';
import { gridNames } from '../grids/queries.js';
import { organizationEmployees, organizationFacts, scopedOrganizations } from '../registers/organization-facts.js';
import { enterpriseApplication, enterpriseApplicationStep } from './tables.js';
import { presentStaff } from './staff.js';
import { APPLICATION_VISIBILITY, applicationActions, loadApplication, type ApplicationRow } from './workflow.js';
import { FILER_PERMISSION, linkedOrganizations } from './filer-access.js';

/** The kinds of organisation the enterprise pages deal with. */
export const ENTERPRISE_KINDS = ['enterprise', 'shop'] as const;

export async function summaries(db: Db, actor: Actor, rows: ApplicationRow[], now: Date): Promise<ApplicationSummary[]> {
  const [orgs, grids, linked] = await Promise.all([
    organizationFacts(db, null, rows.map((r) => r.organizationId)),
    gridNames(db, rows.map((r) => r.gridId)),
    actor.permissions.includes(FILER_PERMISSION) ? linkedOrganizations(db, actor.id, rows.map((r) => r.organizationId)) : new Set<string>(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    organizationId: r.organizationId,
    organizationName: orgs.get(r.organizationId)?.name ?? '',
    gridId: r.gridId,
    gridName: grids.get(r.gridId) ?? '',
    regionCode: r.regionCode,
    status: r.status as ApplicationStatus,
    resumeOn: r.resumeOn,
    staffCount: r.staff.length,
    returningCount: r.staff.filter((s) => s.returning).length,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    actions: applicationActions(actor, r, now, linked.has(r.organizationId)),
  }));
}

export async function listApplications(db: Db, actor: Actor, q: { status?: ApplicationStatus; organizationId?: string; region?: string; q?: string; page: number; pageSize: number }, now: Date) {
  let named: string[] | undefined;
  if (q.q) {
    const found = await scopedOrganizations(db, actor, { q: q.q, page: 1, pageSize: 200 });
    named = found.items.map((o) => o.id);
  }
  const where = and(
    recordVisible(actor, APPLICATION_VISIBILITY),
    q.status ? eq(enterpriseApplication.status, q.status) : undefined,
    q.organizationId ? eq(enterpriseApplication.organizationId, q.organizationId) : undefined,
    q.region ? underRegion(enterpriseApplication.regionCode, q.region) : undefined,
    named ? or(ilike(enterpriseApplication.number, `%${q.q!.replace(/[\\%_]/g, '')}%`), named.length ? inArray(enterpriseApplication.organizationId, named) : undefined) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(enterpriseApplication).where(where).orderBy(desc(enterpriseApplication.updatedAt), desc(enterpriseApplication.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(enterpriseApplication).where(where),
  ]);
  return { items: await summaries(db, actor, rows, now), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

/** One application with its form answers, staff list (masked), timeline and attachments. Reading the staff list is audited. */
export async function getApplication(db: Db, ctx: ActorContext, id: string, audit = true): Promise<Application> {
  const row = await loadApplication(db, ctx.actor, id);
  const [[summary], staff, steps, orgs] = await Promise.all([
    summaries(db, ctx.actor, [row], ctx.clock.now()),
    presentStaff(db, row.organizationId, row.staff),
    db.select().from(enterpriseApplicationStep).where(eq(enterpriseApplicationStep.applicationId, id)).orderBy(asc(enterpriseApplicationStep.version)),
    organizationFacts(db, null, [row.organizationId]),
  ]);
  if (audit) {
    await recordAudit(db, ctx, { action: 'enterprise_application.read_staff', objectType: 'enterprise_application', objectId: id, regionCode: row.regionCode, details: { number: row.number, staff: staff.length } });
  }
  const org = orgs.get(row.organizationId);
  return {
    ...summary!,
    formKey: row.formKey,
    formVersion: row.formVersion,
    answers: row.answers,
    staff,
    contactName: org?.contactName ?? null,
    contactPhoneMasked: org?.contactPhoneMasked ?? null,
    attachments: steps.flatMap((s) => s.attachments),
    steps: steps.map((s) => ({ action: s.action, fromStatus: s.fromStatus, toStatus: s.toStatus, note: s.note, actorName: s.actorName, at: s.at.toISOString() })),
  };
}

/** Enterprises (and shops) of the caller's scope with their employees by name, for the application form and the daily registration. */
export async function listEnterprises(db: Db, actor: Actor, q: { q?: string; region?: string; page: number; pageSize: number }): Promise<{ items: EnterpriseRef[]; total: number; page: number; pageSize: number }> {
  const found = await scopedOrganizations(db, actor, { ...q, kinds: ENTERPRISE_KINDS });
  const [employees, grids] = await Promise.all([organizationEmployees(db, found.items.map((o) => o.id)), gridNames(db, found.items.map((o) => o.gridId))]);
  const items = found.items.map((o) => ({
    id: o.id,
    name: o.name,
    gridId: o.gridId,
    gridName: grids.get(o.gridId) ?? '',
    regionCode: o.regionCode,
    employees: employees.filter((e) => e.organizationId === o.id).map((e) => ({ residentId: e.residentId, name: e.name, position: e.position })),
  }));
  return { items, total: found.total, page: q.page, pageSize: q.pageSize };
}
