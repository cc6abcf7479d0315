/**
 * Rescue teams (救援队伍): kind, skills, equipment, availability and base; members linked to a
 * resident of the registers (kept by masked name) or a staff account; duty rosters (who is on duty
 * when: a team's "on duty now" counts the members with a shift holding now); the last position a
 * member's phone reported, shown on the maps of the events the team is dispatched to.
 */
import { and, asc, count, eq, gt, inArray, lte, notInArray } from 'drizzle-orm';
import type { EmergencyTeam, EmergencyTeamDetail, MemberRequest, PositionRequest, RosterRequest, TeamAvailability, TeamRequest, TeamUpdateRequest } from '@gridgov/contracts';
import { teamRequest } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Actor } from '../../platform/context.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountById } from '../../platform/accounts/accounts.js';
import { codeInSubtree, recordVisible } from '../../platform/scope.js';
import { residentFacts } from '../registers/person-facts.js';
import { maskName } from '../registers/references.js';
import { emergencyDispatch, emergencyRoster, emergencyTeam, emergencyTeamMember } from './tables.js';
import { DISPATCH_VISIBILITY, TEAM_VISIBILITY, commands, type TeamRow } from './workflow.js';

type TeamKit = Pick<Kit, 'db' | 'providers'>;

/**
 * Teams as a reader sees them. A team is seen from the regions below its own (a community sees
 * the county's teams), so what it is doing elsewhere is scoped like a list: the dispatches under
 * way are those the reader sees, and the last position is shown to readers of the team's own
 * region and below, to its members, and while it is on a dispatch the reader sees; otherwise it
 * would show where an incident of another community is.
 */
async function present(kit: TeamKit, teams: readonly TeamRow[], actor: Actor, now: Date): Promise<EmergencyTeam[]> {
  const ids = teams.map((t) => t.id);
  if (ids.length === 0) return [];
  const [regions, members, onDuty, active, own] = await Promise.all([
    kit.providers.regionNames(kit.db, [...new Set(teams.map((t) => t.regionCode))]),
    kit.db.select({ teamId: emergencyTeamMember.teamId, n: count() }).from(emergencyTeamMember).where(inArray(emergencyTeamMember.teamId, ids)).groupBy(emergencyTeamMember.teamId),
    kit.db.selectDistinct({ teamId: emergencyRoster.teamId, memberId: emergencyRoster.memberId }).from(emergencyRoster).where(and(inArray(emergencyRoster.teamId, ids), lte(emergencyRoster.startsAt, now), gt(emergencyRoster.endsAt, now))),
    kit.db.select({ teamId: emergencyDispatch.teamId, n: count() }).from(emergencyDispatch)
      .where(and(inArray(emergencyDispatch.teamId, ids), notInArray(emergencyDispatch.status, ['completed', 'cancelled']), recordVisible(actor, DISPATCH_VISIBILITY))).groupBy(emergencyDispatch.teamId),
    kit.db.selectDistinct({ teamId: emergencyTeamMember.teamId }).from(emergencyTeamMember).where(and(inArray(emergencyTeamMember.teamId, ids), eq(emergencyTeamMember.userId, actor.id))),
  ]);
  const memberOf = new Set(own.map((o) => o.teamId));
  const memberCounts = new Map(members.map((m) => [m.teamId, Number(m.n)]));
  const activeCounts = new Map(active.map((m) => [m.teamId, Number(m.n)]));
  const dutyCounts = new Map<string, number>();
  for (const d of onDuty) dutyCounts.set(d.teamId, (dutyCounts.get(d.teamId) ?? 0) + 1);
  const showsPosition = (t: TeamRow) => codeInSubtree(t.regionCode, actor.regionPrefix) || memberOf.has(t.id) || (activeCounts.get(t.id) ?? 0) > 0;
  return teams.map((t) => ({
    id: t.id, name: t.name, kind: t.kind, regionCode: t.regionCode, regionName: regions.get(t.regionCode) ?? '', skills: t.skills, equipment: t.equipment as EmergencyTeam['equipment'],
    availability: t.availability as TeamAvailability, members: memberCounts.get(t.id) ?? 0, onDuty: dutyCounts.get(t.id) ?? 0, activeDispatches: activeCounts.get(t.id) ?? 0,
    position: showsPosition(t) && t.lastLng !== null && t.lastLat !== null && t.lastPositionAt ? { lng: t.lastLng, lat: t.lastLat, at: t.lastPositionAt.toISOString() } : null,
    baseLng: t.baseLng, baseLat: t.baseLat, version: t.version, editable: commands(actor, 'emergency:team', t.regionCode),
  }));
}

export async function listTeams(kit: TeamKit, ctx: ActorContext): Promise<EmergencyTeam[]> {
  const found = await kit.db.select().from(emergencyTeam).where(recordVisible(ctx.actor, TEAM_VISIBILITY)).orderBy(asc(emergencyTeam.regionCode), asc(emergencyTeam.name)).limit(1000);
  return present(kit, found, ctx.actor, ctx.clock.now());
}

async function loadTeam(db: Db, ctx: ActorContext, id: string, forUpdate = false): Promise<TeamRow> {
  const query = db.select().from(emergencyTeam).where(and(eq(emergencyTeam.id, id), recordVisible(ctx.actor, TEAM_VISIBILITY)));
  const [team] = await (forUpdate ? query.for('update') : query);
  if (!team) throw notFound();
  return team;
}

export async function readTeam(kit: TeamKit, ctx: ActorContext, id: string): Promise<EmergencyTeamDetail> {
  const team = await loadTeam(kit.db, ctx, id);
  const now = ctx.clock.now();
  const [[summary], members, roster] = await Promise.all([
    present(kit, [team], ctx.actor, now),
    kit.db.select().from(emergencyTeamMember).where(eq(emergencyTeamMember.teamId, id)).orderBy(asc(emergencyTeamMember.role), asc(emergencyTeamMember.createdAt)),
    kit.db.select().from(emergencyRoster).where(and(eq(emergencyRoster.teamId, id), gt(emergencyRoster.endsAt, new Date(now.getTime() - 7 * 86_400_000)))).orderBy(asc(emergencyRoster.startsAt)).limit(500),
  ]);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const onDuty = new Set(roster.filter((r) => r.startsAt <= now && r.endsAt > now).map((r) => r.memberId));
  return {
    ...summary!,
    memberList: members.map((m) => ({ id: m.id, name: m.name, link: m.residentId ? 'resident' : 'staff', userId: m.userId, role: m.role as 'leader' | 'member', skills: m.skills, onDuty: onDuty.has(m.id) })),
    roster: roster.map((r) => ({ id: r.id, memberId: r.memberId, memberName: names.get(r.memberId) ?? '', startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(), note: r.note })),
  };
}

function checkRegion(ctx: ActorContext, regionCode: string) {
  if (!commands(ctx.actor, 'emergency:team', regionCode)) throw new AppError('EMERGENCY_REGION', { fields: [{ field: 'regionCode', code: 'EMERGENCY_REGION' }] });
}

export async function createTeam(kit: TeamKit, ctx: ActorContext, raw: TeamRequest): Promise<EmergencyTeamDetail> {
  const input = teamRequest.parse(raw);
  checkRegion(ctx, input.regionCode);
  const now = ctx.clock.now();
  const id = await kit.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(emergencyTeam)
      .values({ id: crypto.randomUUID(), name: input.name, kind: input.kind, regionCode: input.regionCode, skills: input.skills, equipment: input.equipment, availability: input.availability, baseLng: input.baseLng ?? null, baseLat: input.baseLat ?? null, version: 1, createdAt: now, updatedAt: now })
      .returning();
    await writeAudit(tx, ctx, { action: 'emergency_team.save', objectType: 'emergency_team', objectId: row!.id, regionCode: row!.regionCode, details: { created: true, name: input.name, kind: input.kind } });
    return row!.id;
  });
  return readTeam(kit, ctx, id);
}

/** The team, locked, for a change by a keeper of teams of its region. */
async function teamForChange(tx: Db, ctx: ActorContext, id: string): Promise<TeamRow> {
  const team = await loadTeam(tx, ctx, id, true);
  if (!commands(ctx.actor, 'emergency:team', team.regionCode)) throw new AppError('FORBIDDEN');
  return team;
}

export async function updateTeam(kit: TeamKit, ctx: ActorContext, id: string, raw: TeamUpdateRequest): Promise<EmergencyTeamDetail> {
  const { version, ...rest } = raw;
  const input = teamRequest.parse(rest);
  const now = ctx.clock.now();
  await kit.db.transaction(async (tx) => {
    const team = await teamForChange(tx, ctx, id);
    if (team.version !== version) throw new AppError('EMERGENCY_VERSION_CONFLICT', { current: team.version });
    checkRegion(ctx, input.regionCode);
    await tx.update(emergencyTeam).set({ name: input.name, kind: input.kind, regionCode: input.regionCode, skills: input.skills, equipment: input.equipment, availability: input.availability, baseLng: input.baseLng ?? null, baseLat: input.baseLat ?? null, version: team.version + 1, updatedAt: now }).where(eq(emergencyTeam.id, id));
    await writeAudit(tx, ctx, { action: 'emergency_team.save', objectType: 'emergency_team', objectId: id, regionCode: input.regionCode, details: { from: { availability: team.availability, name: team.name }, to: { availability: input.availability, name: input.name } } });
  });
  return readTeam(kit, ctx, id);
}

/** A member: a resident of the registers in the caller's subtree (kept by masked name) or a staff account in it. */
export async function addMember(kit: TeamKit, ctx: ActorContext, teamId: string, input: MemberRequest): Promise<EmergencyTeamDetail> {
  const now = ctx.clock.now();
  const badLink = () => new AppError('EMERGENCY_MEMBER_LINK', { fields: [{ field: input.residentId ? 'residentId' : 'userId', code: 'EMERGENCY_MEMBER_LINK' }] });
  await kit.db.transaction(async (tx) => {
    const team = await teamForChange(tx, ctx, teamId);
    let name: string;
    if (input.residentId) {
      const r = (await residentFacts(tx, [input.residentId])).get(input.residentId);
      if (!r || !codeInSubtree(r.regionCode, ctx.actor.regionPrefix)) throw badLink();
      name = maskName(r.name);
    } else {
      const a = await accountById(tx, input.userId!);
      if (!a || a.disabled || !a.scopeRegionCode || !codeInSubtree(a.scopeRegionCode, ctx.actor.regionPrefix)) throw badLink();
      name = a.displayName;
    }
    const [made] = await tx
      .insert(emergencyTeamMember)
      .values({ id: crypto.randomUUID(), teamId, residentId: input.residentId ?? null, userId: input.userId ?? null, name, role: input.role ?? 'member', skills: input.skills ?? [], createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!made) throw badLink();
    await writeAudit(tx, ctx, { action: 'emergency_team.member', objectType: 'emergency_team', objectId: teamId, regionCode: team.regionCode, ...(input.residentId ? { subject: input.residentId } : {}), details: { added: made.id, link: input.residentId ? 'resident' : 'staff', role: made.role } });
  });
  return readTeam(kit, ctx, teamId);
}

export async function removeMember(kit: TeamKit, ctx: ActorContext, teamId: string, memberId: string): Promise<EmergencyTeamDetail> {
  await kit.db.transaction(async (tx) => {
    const team = await teamForChange(tx, ctx, teamId);
    const [gone] = await tx.delete(emergencyTeamMember).where(and(eq(emergencyTeamMember.id, memberId), eq(emergencyTeamMember.teamId, teamId))).returning();
    if (!gone) throw notFound();
    await tx.delete(emergencyRoster).where(eq(emergencyRoster.memberId, memberId));
    await writeAudit(tx, ctx, { action: 'emergency_team.member', objectType: 'emergency_team', objectId: teamId, regionCode: team.regionCode, details: { removed: memberId } });
  });
  return readTeam(kit, ctx, teamId);
}

export async function addShift(kit: TeamKit, ctx: ActorContext, teamId: string, input: RosterRequest): Promise<EmergencyTeamDetail> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw new AppError('EMERGENCY_ROSTER_TIME', { fields: [{ field: 'endsAt', code: 'EMERGENCY_ROSTER_TIME' }] });
  await kit.db.transaction(async (tx) => {
    const team = await teamForChange(tx, ctx, teamId);
    const [member] = await tx.select({ id: emergencyTeamMember.id }).from(emergencyTeamMember).where(and(eq(emergencyTeamMember.id, input.memberId), eq(emergencyTeamMember.teamId, teamId)));
    if (!member) throw new AppError('EMERGENCY_MEMBER_LINK', { fields: [{ field: 'memberId', code: 'EMERGENCY_MEMBER_LINK' }] });
    const id = crypto.randomUUID();
    await tx.insert(emergencyRoster).values({ id, teamId, memberId: input.memberId, startsAt, endsAt, note: input.note ?? null, createdAt: ctx.clock.now() });
    await writeAudit(tx, ctx, { action: 'emergency_team.roster', objectType: 'emergency_team', objectId: teamId, regionCode: team.regionCode, details: { shift: id, memberId: input.memberId, startsAt: input.startsAt, endsAt: input.endsAt } });
  });
  return readTeam(kit, ctx, teamId);
}

/** Where the team is, from a member's phone (or the keeper of teams): the last report is kept. */
export async function reportPosition(kit: TeamKit, ctx: ActorContext, teamId: string, input: PositionRequest): Promise<{ lng: number; lat: number; at: string }> {
  const now = ctx.clock.now();
  const at = input.at ? new Date(Math.min(new Date(input.at).getTime(), now.getTime())) : now;
  await kit.db.transaction(async (tx) => {
    const team = await loadTeam(tx, ctx, teamId, true);
    const [member] = await tx.select({ id: emergencyTeamMember.id }).from(emergencyTeamMember).where(and(eq(emergencyTeamMember.teamId, teamId), eq(emergencyTeamMember.userId, ctx.actor.id)));
    if (!member && !commands(ctx.actor, 'emergency:team', team.regionCode)) throw new AppError('EMERGENCY_NOT_MEMBER');
    // An older report (a phone's queue drained late) does not move the team back.
    if (team.lastPositionAt && team.lastPositionAt > at) return;
    await tx.update(emergencyTeam).set({ lastLng: input.lng, lastLat: input.lat, lastPositionAt: at }).where(eq(emergencyTeam.id, teamId));
    await writeAudit(tx, ctx, { action: 'emergency_team.position', objectType: 'emergency_team', objectId: teamId, regionCode: team.regionCode, details: { lng: input.lng, lat: input.lat, at: at.toISOString() } });
  });
  return { lng: input.lng, lat: input.lat, at: at.toISOString() };
}
