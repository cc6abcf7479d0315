/**
 * Task generation, a durable job queued when a campaign opens: one task per target household,
 * in its grid, assigned to one of the grid's workers (spread by a hash of the household's id),
 * written in set-based batches (one INSERT ... SELECT over the registers' target set per batch,
 * which also adds to the per-grid progress counts). Each batch commits with the cursor (the
 * last household id taken), so a generation that stopped (a restart, a lost lease) resumes
 * after it; a household already holding a task is skipped, so nothing is made twice. A household
 * that self-declared since the campaign's start and was not flagged gets its task as `declared`
 * (counted done, no visit); `settleDeclared` keeps that true as declarations arrive.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { divisionPrefix, type SurveyTarget } from '@gridgov/contracts';
import type { Clock } from '../../platform/clock.js';
import { systemContext } from '../../platform/context.js';
import { rows, type Db } from '../../platform/db/client.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { publishLive } from '../../platform/live/live.js';
import { gridAccountsUnder } from '../../platform/accounts/accounts.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { targetHouseholds, type HouseholdTarget } from '../registers/survey-targets.js';
import { surveyCampaign } from './tables.js';
import type { Kit, Providers } from '../../platform/kit/kit.js';
import type { CampaignRow } from './workflow.js';

type TargetProviders = Pick<Providers, 'declaredUnflagged' | 'arrivedResidents'>;

export const GENERATE_JOB = { name: 'campaigns.generate', payload: z.object({ campaignId: z.string() }) };
export const GENERATE_BATCH = 20_000;

function householdTarget(c: CampaignRow, providers: TargetProviders): HouseholdTarget {
  const target = c.target as SurveyTarget;
  if (target.kind === 'tag') return { kind: 'tag', tag: target.tag };
  if (target.kind === 'arrivals') return { kind: 'residents', residents: providers.arrivedResidents(new Date(target.since), c.endsAt, target.origin ?? null) };
  if (target.kind === 'list') return { kind: 'ids', ids: (c.targetIds as string[] | null) ?? [] };
  return { kind: 'region' };
}

/**
 * One batch: returns how many households it took (fewer than the batch size: generation is
 * done). `workers` is the JSON of the grids' assignees ([{gridId, userIds}]).
 */
export async function generateBatch(db: Db, clock: Clock, providers: TargetProviders, campaignId: string, workers: string, batch = GENERATE_BATCH): Promise<{ taken: number; inserted: number; declared: number; done: boolean }> {
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(surveyCampaign).where(eq(surveyCampaign.id, campaignId)).for('update');
    if (!c || c.status !== 'open' || c.generation === 'done') return { taken: 0, inserted: 0, declared: 0, done: true };
    const now = clock.now();
    // The planner's estimate of the per-household subqueries is far above what they cost, which
    // would have each batch JIT-compiled: over a second of compiling for half a second of work.
    await tx.execute(sql`set local jit = off`);
    const [r] = await rows<{ taken: number; inserted: number; declared: number; last: string | null }>(
      tx,
      sql`with h as (${targetHouseholds(divisionPrefix(c.regionCode), householdTarget(c, providers), c.genCursor, batch)}),
        w as (select (e->>'gridId')::uuid as grid_id, array(select jsonb_array_elements_text(e->'userIds'))::uuid[] as ids from jsonb_array_elements(${workers}::jsonb) e),
        ins as (
          insert into survey_task (id, campaign_id, kind, household_id, household_number, address, grid_id, region_code, assignee_id, status, created_at, done_at)
          select gen_random_uuid(), ${c.id}::uuid, 'visit', h.id, h.number, h.address, h.grid_id, h.region_code,
                 w.ids[1 + mod(abs(hashtext(h.id::text)), cardinality(w.ids))], d.status, ${now}::timestamptz, case when d.status = 'declared' then ${now}::timestamptz end
          from h left join w on w.grid_id = h.grid_id
          cross join lateral (select case when ${providers.declaredUnflagged(sql`h.id`, c.startsAt)} then 'declared' else 'pending' end as status) d
          on conflict do nothing
          returning grid_id, region_code, status),
        prog as (
          insert into survey_progress (campaign_id, grid_id, region_code, total, done, alerts)
          select ${c.id}::uuid, grid_id, min(region_code), count(*)::int, (count(*) filter (where status = 'declared'))::int, 0 from ins group by grid_id
          on conflict (campaign_id, grid_id) do update set total = survey_progress.total + excluded.total, done = survey_progress.done + excluded.done)
        select (select count(*) from h)::int as taken, (select count(*) from ins)::int as inserted, (select count(*) from ins where status = 'declared')::int as declared,
               (select h.id::text from h order by h.id desc limit 1) as last`,
    );
    const done = r!.taken < batch;
    await tx.update(surveyCampaign).set({ genCursor: r!.last ?? c.genCursor, generation: done ? 'done' : 'running', updatedAt: now }).where(eq(surveyCampaign.id, c.id));
    if (done) {
      const [n] = await rows<{ total: number; declared: number }>(
        tx,
        sql`select count(*)::int as total, (count(*) filter (where status = 'declared'))::int as declared from survey_task where campaign_id = ${c.id} and kind = 'visit'`,
      );
      await writeAudit(tx, systemContext(clock, GENERATE_JOB.name), { action: 'survey_campaign.generate', objectType: 'survey_campaign', objectId: c.id, regionCode: c.regionCode, details: { tasks: n!.total, declared: n!.declared } });
      await publishLive(tx, { type: 'survey_campaign.changed', regionCode: c.regionCode, id: c.id, at: now.toISOString(), data: { action: 'generate', status: c.status }, scope: { record: 'survey_campaign', regionCode: c.regionCode, state: c.status } });
    }
    return { taken: r!.taken, inserted: r!.inserted, declared: r!.declared, done };
  });
}

/** Every batch of a campaign until done (or the lease is lost: whoever takes the job over resumes at the cursor). */
export async function generateTasks(kit: Pick<Kit, 'db' | 'clock' | 'providers'>, campaignId: string, options: { batch?: number; signal?: AbortSignal } = {}): Promise<number> {
  const { db, clock } = kit;
  const [c] = await db.select({ regionCode: surveyCampaign.regionCode }).from(surveyCampaign).where(eq(surveyCampaign.id, campaignId));
  if (!c) return 0;
  const workers = JSON.stringify(await gridAccountsUnder(db, 'campaign:survey', divisionPrefix(c.regionCode)));
  let inserted = 0;
  for (;;) {
    if (options.signal?.aborted) return inserted;
    const step = await generateBatch(db, clock, kit.providers, campaignId, workers, options.batch);
    inserted += step.inserted;
    if (step.done) return inserted;
  }
}

export const generateJob = (kit: Kit) =>
  defineJob({
    ...GENERATE_JOB,
    async handle(p, { db, clock, signal }) {
      await generateTasks({ db, clock, providers: kit.providers }, p.campaignId, { signal });
    },
  });
