/**
 * The screening list (辖区企业排查): every enterprise and shop of the caller's scope with its last
 * result (not screened, screened ok, issue found) and the note of whoever screened it. An issue
 * can be raised into the ticket loop through the tickets module's intake (at the enterprise's
 * community, its name and the note as the description; no person's data).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ScreeningInput, ScreeningRow, ScreeningStatus } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import type { Db } from '../../platform/db/client.js';
import { gridNames } from '../grids/queries.js';
import { scopedOrganizations } from '../registers/organization-facts.js';
import { ticketDeps } from '../tickets/deps.js';
import { intakeTicket } from '../tickets/intake-ticket.js';
import { ticketNumbers } from '../tickets/queries.js';
import { reachableEnterprise } from './filer-access.js';
import { ENTERPRISE_KINDS } from './queries.js';
import { enterpriseScreening } from './tables.js';

function statusFilter(status: ScreeningStatus | undefined): ((id: SQL) => SQL) | undefined {
  if (!status) return undefined;
  if (status === 'not_screened') return (id) => sql`not exists (select 1 from enterprise_screening s where s.organization_id = ${id})`;
  return (id) => sql`exists (select 1 from enterprise_screening s where s.organization_id = ${id} and s.status = ${status})`;
}

export async function listScreening(db: Db, actor: Actor, q: { region?: string; status?: ScreeningStatus; q?: string; page: number; pageSize: number }) {
  const found = await scopedOrganizations(db, actor, { ...q, kinds: ENTERPRISE_KINDS }, statusFilter(q.status));
  const ids = found.items.map((o) => o.id);
  const rows = ids.length ? await db.select().from(enterpriseScreening).where(inArray(enterpriseScreening.organizationId, ids)) : [];
  const byOrg = new Map(rows.map((r) => [r.organizationId, r]));
  const [grids, people, tickets] = await Promise.all([
    gridNames(db, found.items.map((o) => o.gridId)),
    accountNames(db, rows.map((r) => r.screenedBy)),
    ticketNumbers(db, rows.flatMap((r) => (r.ticketId ? [r.ticketId] : []))),
  ]);
  const items: ScreeningRow[] = found.items.map((o) => {
    const s = byOrg.get(o.id);
    return {
      organizationId: o.id, organizationName: o.name, kind: o.kind, gridId: o.gridId, gridName: grids.get(o.gridId) ?? '', regionCode: o.regionCode,
      status: (s?.status ?? 'not_screened') as ScreeningStatus, note: s?.note ?? null, screenedBy: s ? (people.get(s.screenedBy) ?? null) : null,
      screenedAt: s?.screenedAt.toISOString() ?? null, ticketNumber: s?.ticketId ? (tickets.get(s.ticketId) ?? null) : null, version: s?.version ?? 0,
    };
  });
  return { items, total: found.total, page: q.page, pageSize: q.pageSize };
}

/** Records a screening result (version 0 for the first); with `raiseTicket` on an issue, files a ticket first and links it. */
export async function setScreening(kit: Kit, ctx: ActorContext, organizationId: string, input: ScreeningInput): Promise<void> {
  const { db } = kit;
  const org = await reachableEnterprise(db, ctx.actor, organizationId);
  const [current] = await db.select().from(enterpriseScreening).where(eq(enterpriseScreening.organizationId, org.id));
  if ((current?.version ?? 0) !== input.version) throw new AppError('ENTERPRISE_SCREENING_VERSION_CONFLICT', { current: current?.version ?? 0 });
  const now = ctx.clock.now();
  let ticketId = input.status === 'issue' ? (current?.ticketId ?? null) : null;
  if (input.status === 'issue' && input.raiseTicket && !ticketId) {
    const id = randomUUID();
    await intakeTicket(
      ticketDeps(kit),
      // Filed by the system on the screener's behalf (who is on the screening's audit entry), at the enterprise's point or community.
      { ...ctx, actor: null },
      {
        source: 'grid_worker', categoryId: input.categoryId, description: `【企业排查发现问题】${org.name}：${input.note}`, address: org.name, emergency: false, customFields: {}, photoIds: [],
        ...(org.lon !== null && org.lat !== null ? { lon: org.lon, lat: org.lat } : {}),
      },
      { id, regionCode: org.regionCode, origin: { type: 'enterprise_screening', id: org.id, number: org.name.slice(0, 40) } },
    );
    ticketId = id;
  }
  await db.transaction(async (tx) => {
    const values = { gridId: org.gridId, regionCode: org.regionCode, status: input.status, note: input.note, ticketId, screenedBy: ctx.actor.id, screenedAt: now, version: input.version + 1 };
    const saved = current
      ? await tx.update(enterpriseScreening).set(values).where(and(eq(enterpriseScreening.organizationId, org.id), eq(enterpriseScreening.version, input.version))).returning({ v: enterpriseScreening.version })
      : await tx.insert(enterpriseScreening).values({ organizationId: org.id, ...values }).onConflictDoNothing().returning({ v: enterpriseScreening.version });
    if (saved.length === 0) throw new AppError('ENTERPRISE_SCREENING_VERSION_CONFLICT');
    await writeAudit(tx, ctx, { action: 'enterprise_screening.set', objectType: 'organization', objectId: org.id, regionCode: org.regionCode, details: { status: input.status, from: current?.status ?? 'not_screened', ticketId } });
  });
}
