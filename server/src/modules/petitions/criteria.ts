/**
 * The criteria as data: a set per region (the default '' holds everywhere until a county or
 * city sets its own), each save a new version with who, when and why; the set that holds for a
 * village is the one of its nearest region (itself or above) that has one. Set by holders of
 * `petition_village:configure` whose scope is a county or above, for their own region (a
 * township does not set the bar it is measured by).
 */
import { desc, eq, sql } from 'drizzle-orm';
import { divisionPrefix, PETITION_METRIC_BOUND, type PetitionCriteriaInput, type PetitionCriteriaView, type PetitionCriterion } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { ActorContext } from '../../platform/http/types.js';
import { rows, type Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { regionNames } from '../regions/queries.js';
import { petitionCriteria, type CriteriaRow } from './tables.js';

export const DEFAULT_REGION = '';

export const DEFAULT_CRITERIA: { collectiveMinPeople: number; criteria: PetitionCriterion[] } = {
  // 集体访: five people or more, as the petition rules count it.
  collectiveMinPeople: 5,
  criteria: [
    { metric: 'beyond_township_petitions', threshold: 0, enabled: true, label: { zh: '无越级上访', en: 'No petition past the township' } },
    { metric: 'collective_petitions', threshold: 0, enabled: true, label: { zh: '无集体上访', en: 'No collective petition' } },
    { metric: 'petitions', threshold: 3, enabled: false, label: { zh: '信访总量不超过', en: 'Petitions at most' } },
    { metric: 'overdue_disputes', threshold: 0, enabled: true, label: { zh: '无超期未化解纠纷', en: 'No dispute unresolved past its deadline' } },
    { metric: 'dispute_resolution_rate', threshold: 90, enabled: true, label: { zh: '纠纷化解成功率不低于(%)', en: 'Dispute resolution rate at least (%)' } },
  ],
};

/** Seeds the default set when there is none (at start; idempotent). */
export async function seedDefaultCriteria(db: Db, now: Date): Promise<void> {
  await db.insert(petitionCriteria).values({ regionCode: DEFAULT_REGION, version: 1, ...DEFAULT_CRITERIA, note: null, changedBy: null, changedAt: now }).onConflictDoNothing();
}

/** The current set of every region that has one. */
export async function currentCriteriaSets(db: Db): Promise<CriteriaRow[]> {
  return rows<CriteriaRow>(
    db,
    sql`select distinct on (region_code) region_code as "regionCode", version, collective_min_people as "collectiveMinPeople", criteria, note, changed_by as "changedBy", changed_at as "changedAt"
      from petition_criteria order by region_code, version desc`,
  );
}

/** The region codes whose sets may hold for `code`: itself and its ancestors, by significant prefix. */
function holdsFor(setRegion: string, code: string): boolean {
  if (setRegion === DEFAULT_REGION) return true;
  return code.startsWith(divisionPrefix(setRegion));
}

/** The set of the nearest region (the longest code prefix) that has one. */
export function setFor(sets: readonly CriteriaRow[], code: string): CriteriaRow {
  let best: CriteriaRow | null = null;
  let bestLength = -1;
  for (const s of sets) {
    const length = s.regionCode === DEFAULT_REGION ? 0 : divisionPrefix(s.regionCode).length;
    if (holdsFor(s.regionCode, code) && length > bestLength) {
      best = s;
      bestLength = length;
    }
  }
  if (!best) throw new Error('no criteria set: the default one is seeded at start');
  return best;
}

export function mayConfigure(actor: Actor): boolean {
  return actor.permissions.includes('petition_village:configure') && actor.gridId === null && actor.regionPrefix.length <= 6;
}

/** The set that holds at the caller's scope, with its history and whether the caller may set their own. */
export async function readCriteria(db: Db, actor: Actor): Promise<PetitionCriteriaView> {
  const sets = await currentCriteriaSets(db);
  const holding = setFor(sets, actor.regionCode);
  const history = await db.select().from(petitionCriteria).where(eq(petitionCriteria.regionCode, holding.regionCode)).orderBy(desc(petitionCriteria.version)).limit(50);
  const [names, people] = await Promise.all([
    holding.regionCode ? regionNames(db, [holding.regionCode]) : Promise.resolve(new Map<string, string>()),
    accountNames(db, history.map((h) => h.changedBy).filter((id): id is string => id !== null)),
  ]);
  const own = sets.find((s) => s.regionCode === actor.regionCode);
  const version = (r: CriteriaRow) => ({
    version: r.version,
    collectiveMinPeople: r.collectiveMinPeople,
    criteria: r.criteria as PetitionCriterion[],
    note: r.note,
    changedBy: r.changedBy ? (people.get(r.changedBy) ?? null) : null,
    changedAt: new Date(r.changedAt).toISOString(),
  });
  return {
    ...version(holding),
    regionCode: holding.regionCode,
    regionName: names.get(holding.regionCode) ?? '',
    inherited: holding.regionCode !== actor.regionCode,
    editable: mayConfigure(actor),
    ownVersion: own?.version ?? 0,
    history: history.map(version),
  };
}

function checkCriteria(input: PetitionCriteriaInput): void {
  const seen = new Set<string>();
  input.criteria.forEach((c, i) => {
    const fail = (detail: string) => {
      throw new AppError('VALIDATION_FAILED', { fields: [{ field: `criteria.${i}.${detail === 'duplicate' ? 'metric' : 'threshold'}`, code: 'PETITION_CRITERIA_INVALID', params: { detail } }] });
    };
    if (seen.has(c.metric)) fail('duplicate');
    seen.add(c.metric);
    if (PETITION_METRIC_BOUND[c.metric] === 'min' && c.threshold > 100) fail('a percentage is at most 100');
    if (PETITION_METRIC_BOUND[c.metric] === 'max' && !Number.isInteger(c.threshold)) fail('a count is a whole number');
  });
}

/** Saves a new version of the caller's region's set (audited with the set before and after). */
export async function updateCriteria(db: Db, ctx: ActorContext, input: PetitionCriteriaInput): Promise<void> {
  const actor = ctx.actor;
  if (!mayConfigure(actor)) throw new AppError('PETITION_CRITERIA_LEVEL');
  checkCriteria(input);
  await db.transaction(async (tx) => {
    // One writer per region at a time: the version check below then holds.
    await rows(tx, sql`select pg_advisory_xact_lock(hashtext(${`petition_criteria:${actor.regionCode}`}))`);
    const before = (await currentCriteriaSets(tx)).filter((s) => holdsFor(s.regionCode, actor.regionCode));
    const own = before.find((s) => s.regionCode === actor.regionCode);
    if ((own?.version ?? 0) !== input.version) throw new AppError('PETITION_CRITERIA_VERSION_CONFLICT', { current: own?.version ?? 0 });
    const previous = setFor(before, actor.regionCode);
    const version = input.version + 1;
    await tx.insert(petitionCriteria).values({
      regionCode: actor.regionCode, version, collectiveMinPeople: input.collectiveMinPeople, criteria: input.criteria, note: input.note ?? null, changedBy: actor.id, changedAt: ctx.clock.now(),
    });
    await writeAudit(tx, ctx, {
      action: 'petition_criteria.update',
      objectType: 'petition_criteria',
      objectId: actor.regionCode,
      regionCode: actor.regionCode,
      details: {
        version,
        before: { region: previous.regionCode, version: previous.version, collectiveMinPeople: previous.collectiveMinPeople, criteria: previous.criteria },
        after: { collectiveMinPeople: input.collectiveMinPeople, criteria: input.criteria },
        note: input.note ?? null,
      },
    });
  });
}
