/**
 * The engine: runs every enabled rule set-based. Per rule one statement finds the hits (the
 * kind's `detect`) and inserts a warning for each key with no open warning of the rule and none
 * marked a false positive (a closed one may come back while the condition lasts; a false
 * positive does not: `warning_rule_key_idx` serves the NOT EXISTS), placed at the region of
 * the rule's level that contains the hit. Then the new warnings' notices (operators of that
 * region; the grid's workers for grid-level rules) in chunks, one live event per place, and the
 * run's record (per rule: hits, new warnings, duration). A city-scale run is a handful of
 * statements per rule, not a loop over hits.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { WarningLevel, WarningRunView } from '@gridgov/contracts';
import type { RequestContext } from '../../platform/context.js';
import { rows, type Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountsAtMany } from '../../platform/accounts/accounts.js';
import { notify, type Notice } from '../../platform/notifications/notify.js';
import { publishLiveMany } from '../../platform/live/live.js';
import type { Kit } from '../../platform/kit/kit.js';
import { warningRule, warningRun } from './tables.js';
import { warningScope } from './workflow.js';

/** The region of the rule's level that contains the hit's region (12-digit codes, 2+2+2+3+3). */
function levelRegion(level: WarningLevel, hitRegion: SQL): SQL {
  if (level === 'county') return sql`rpad(left(${hitRegion}, 6), 12, '0')`;
  if (level === 'township') return sql`rpad(left(${hitRegion}, 9), 12, '0')`;
  return hitRegion;
}

export interface RuleResult {
  ruleId: string;
  kind: string;
  name: string;
  hits: number;
  raised: number;
  ms: number;
  error: string | null;
}

const NOTICE_CHUNK = 1000;
/** The advisory lock of a run (any constant unique in the application). */
const RUN_LOCK = 7_301_016;

/**
 * Runs the enabled rules, or those of some kinds only (`kinds`: a module whose hits come as
 * events, a watch-list capture, runs its kind when they come instead of waiting for the night).
 */
export async function runRules(kit: Pick<Kit, 'db' | 'registry'>, ctx: RequestContext, trigger: 'schedule' | 'manual', options: { notify?: boolean; kinds?: readonly string[] } = {}): Promise<string> {
  const now = ctx.clock.now();
  const runId = randomUUID();
  // One transaction: the run's audit entry fails the whole run, and a second run waits for none
  // (the advisory lock answers "busy"). Each rule runs in a savepoint: one broken rule (another
  // module's SQL) does not stop the others; the run records why.
  return kit.db.transaction(async (db) => {
    const [lock] = await rows<{ ok: boolean }>(db, sql`select pg_try_advisory_xact_lock(${RUN_LOCK}) as ok`);
    if (!lock?.ok) throw new AppError('WARNING_RUN_BUSY');
    await db.insert(warningRun).values({ id: runId, trigger, actorId: ctx.actor?.id ?? null, startedAt: now });
    const results: RuleResult[] = [];
    const rules = await db.select().from(warningRule).where(and(eq(warningRule.enabled, true), options.kinds ? inArray(warningRule.kind, [...options.kinds]) : undefined)).orderBy(warningRule.createdAt);
    for (const rule of rules) {
      const t0 = performance.now();
      const base = { ruleId: rule.id, kind: rule.kind, name: rule.name };
      const kind = kit.registry.warningRules.get(rule.kind);
      const parsed = kind?.params.safeParse(rule.params);
      if (!kind || !parsed?.success) {
        results.push({ ...base, hits: 0, raised: 0, ms: 0, error: kind ? 'params' : 'unavailable' });
        continue;
      }
      const level = rule.level as WarningLevel;
      try {
        const result = await db.transaction(async (tx) => {
          const [counts] = await rows<{ hits: number; raised: number }>(
            tx,
            sql`with hits as materialized (${kind.detect(parsed.data, now)}),
              ins as (
                insert into warning (id, rule_id, run_id, kind, key, subject_type, subject_id, region_code, grid_id, hit_region_code, hit_grid_id, level, severity, evidence, status, version, raised_at, updated_at)
                select gen_random_uuid(), ${rule.id}::uuid, ${runId}::uuid, ${rule.kind}, h.key, ${kind.subjectType}, h.subject_id, ${levelRegion(level, sql`h.region_code`)},
                  ${level === 'grid' ? sql`h.grid_id` : sql`null::uuid`}, h.region_code, h.grid_id, ${level}, ${rule.severity}, h.evidence, 'raised', 1, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
                from hits h
                where not exists (select 1 from warning w where w.rule_id = ${rule.id}::uuid and w.key = h.key and w.status in ('raised', 'acknowledged', 'assigned', 'handled', 'false_positive'))
                on conflict do nothing
                returning 1)
              select (select count(*) from hits)::int as hits, (select count(*) from ins)::int as raised`,
          );
          if (counts!.raised > 0 && options.notify !== false) await announce(kit, tx, runId, rule.id, rule.name, level, now);
          return counts!;
        });
        results.push({ ...base, ...result, ms: Math.round(performance.now() - t0), error: null });
      } catch (error) {
        results.push({ ...base, hits: 0, raised: 0, ms: Math.round(performance.now() - t0), error: error instanceof Error ? error.message.slice(0, 300) : 'failed' });
      }
    }
    const finished = ctx.clock.now();
    const hits = results.reduce((n, r) => n + r.hits, 0);
    const raised = results.reduce((n, r) => n + r.raised, 0);
    await db.update(warningRun).set({ finishedAt: finished, hits, raised, rules: results }).where(eq(warningRun.id, runId));
    await writeAudit(db, ctx, { action: 'warning_run.run', objectType: 'warning_run', objectId: runId, details: { trigger, rules: results.length, hits, raised } });
    return runId;
  });
}

/** Notices and live events of one rule's new warnings, in the rule's transaction. */
async function announce(kit: Pick<Kit, 'registry'>, tx: Db, runId: string, ruleId: string, ruleName: string, level: WarningLevel, now: Date): Promise<void> {
  const fresh = await rows<{ id: string; region_code: string; grid_id: string | null }>(tx, sql`select id, region_code, grid_id from warning where run_id = ${runId}::uuid and rule_id = ${ruleId}::uuid`);
  // The accounts of every place in two queries: operators of the region, workers of the grid (grid-level rules).
  const operators = await accountsAtMany(tx, 'warning:handle', { regionCodes: fresh.map((w) => w.region_code) });
  const workers = level === 'grid' ? await accountsAtMany(tx, 'warning:read', { gridIds: fresh.flatMap((w) => (w.grid_id ? [w.grid_id] : [])) }) : new Map<string, string[]>();
  const told = (w: { region_code: string; grid_id: string | null }) => [...(operators.get(w.region_code) ?? []), ...(w.grid_id ? (workers.get(w.grid_id) ?? []) : [])];
  for (let i = 0; i < fresh.length; i += NOTICE_CHUNK) {
    const notices: Notice[] = fresh.slice(i, i + NOTICE_CHUNK).flatMap((w) => {
      const userIds = told(w);
      return userIds.length ? [{ subject: { type: 'warning', id: w.id }, kind: 'warning.raised', params: { rule: ruleName }, audiences: [{ kind: 'users', userIds }] }] : [];
    });
    await notify(tx, kit.registry.audiences, now, notices);
  }
  // One live event per place (who may read a warning there learns that new ones came), sent in one statement.
  const byPlace = new Map<string, { regionCode: string; gridId: string | null; ids: string[] }>();
  for (const w of fresh) {
    const place = `${w.region_code}/${w.grid_id ?? ''}`;
    const entry = byPlace.get(place) ?? { regionCode: w.region_code, gridId: w.grid_id, ids: [] };
    entry.ids.push(w.id);
    byPlace.set(place, entry);
  }
  await publishLiveMany(
    tx,
    [...byPlace.values()].map((p) => ({
      type: 'warning.raised',
      regionCode: p.regionCode,
      gridId: p.gridId ?? undefined,
      id: p.ids.length === 1 ? p.ids[0]! : ruleId,
      at: now.toISOString(),
      data: { ruleId, count: p.ids.length, status: 'raised' },
      scope: warningScope({ regionCode: p.regionCode, gridId: p.gridId, assigneeDepartmentId: null, assigneeUserId: null, status: 'raised' }),
    })),
  );
}

export async function listRuns(db: Db, q: { page: number; pageSize: number }): Promise<{ items: WarningRunView[]; total: number; page: number; pageSize: number }> {
  const [list, [total]] = await Promise.all([
    db.select().from(warningRun).orderBy(sql`${warningRun.startedAt} desc`).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    rows<{ n: number }>(db, sql`select count(*)::int as n from warning_run`),
  ]);
  return { items: list.map(presentRun), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export function presentRun(r: typeof warningRun.$inferSelect): WarningRunView {
  return {
    id: r.id,
    trigger: r.trigger as WarningRunView['trigger'],
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    ms: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
    hits: r.hits,
    raised: r.raised,
    rules: r.rules as WarningRunView['rules'],
  };
}

export async function getRun(db: Db, id: string): Promise<WarningRunView> {
  const [r] = await db.select().from(warningRun).where(eq(warningRun.id, id));
  if (!r) throw new AppError('NOT_FOUND');
  return presentRun(r);
}
