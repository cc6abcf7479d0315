/**
 * Metrics that modules contribute. A module declares its metrics (and the dashboard tiles that
 * show them) in its definition; the figures live in one narrow table, metric_value, keyed by
 * scope, metric, day and dimension (tables.ts).
 *
 * Keeping: the module's triggers (its migration) append the change of every counted fact to
 * metric_delta inside the writer's transaction; one process folds the deltas into metric_value
 * every poll interval, for every metric registered over each fact, rolled up to every scope (the
 * ancestors of the fact's region, the region, and its grid as `<community code>/<grid id>`).
 *
 * Recounting: each metric carries its own SQL over its module's source tables. The generic
 * recount groups those rows exactly as the fold does, so `compareWithRecount` lists any figure
 * the triggers and the fold got wrong, and `rebuildMetrics` rewrites the table from source (after
 * a bulk load with triggers off, or to repair).
 */
import { sql } from 'drizzle-orm';
import type { LocalText, MetricPeriod, Permission } from '@gridgov/contracts';
import { rows, type Db } from '../db/client.js';

/** One figure a module keeps. */
export interface MetricDefinition {
  /** `<module>.<what>`, e.g. `tickets.open`. */
  name: string;
  label: LocalText;
  /** What one unit counts (件, 人); null for a sum of scores and the like. */
  unit: LocalText | null;
  /** Who may see it: a viewer without this permission gets no tile that reads it. */
  permission: Permission;
  /** `now`: a count at this moment; `day` / `month`: a flow per China day / month. */
  period: MetricPeriod;
  /** The key its rows are split by beyond scope and day (a category id, a department id): kept in `dim`. */
  by?: string;
  /**
   * How it is kept: the fact its module's trigger appends to metric_delta (several metrics may
   * fold one fact, at different periods or dimensions), and the trigger that appends it.
   */
  kept: { fact: string; trigger: string; table: string };
  /**
   * How it is recounted: SQL over the source tables with the columns `region_code`, `grid_id`
   * (null when the fact has no grid), `day` (the fact's China day; null for a count now), `dim`
   * ('' unless split) and `value`.
   */
  recount: string;
}

/** How a dashboard tile reads its figure. */
export type TileWindow = 'now' | 'today' | { days: number };

/** A tile a module contributes to the dashboard. */
export interface TileDefinition {
  /** Stable id (the web's test ids: `kpi-<id>`). */
  id: string;
  label: LocalText;
  /** Said after the label (近30天). */
  hint?: LocalText;
  /**
   * count: the sum of `metric` over the window; rate: `metric` over `per`; score: the mean,
   * `metric` (a sum of scores) over `per` (how many were scored).
   */
  kind: 'count' | 'rate' | 'score';
  metric: string;
  per?: string;
  window: TileWindow;
  /** The figure's colour: alert turns red above zero. */
  tone?: 'accent' | 'alert' | 'good';
  /** Place among all tiles (lower first). */
  order: number;
}

const FOLD_LOCK = 7_301_003;

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The day a row of metric `m` is kept at, from a fact's day `day`. */
function periodDay(m: MetricDefinition, day: string): string {
  return m.period === 'now' ? 'null::date' : m.period === 'month' ? `date_trunc('month', ${day})::date` : `${day}::date`;
}

/** The metrics as SQL rows (fact, metric, period, keeps dim), for the fold's join. */
function catalog(metrics: readonly MetricDefinition[]): string {
  return `(values ${metrics.map((m) => `(${quote(m.kept.fact)}, ${quote(m.name)}, ${quote(m.period)}, ${m.by ? 'true' : 'false'})`).join(', ')}) as m(fact, metric, period, keep_dim)`;
}

/** Checks a set of definitions: unique names, tiles over known metrics. Throws on the first fault. */
export function checkMetrics(metrics: readonly MetricDefinition[], tiles: readonly TileDefinition[] = []): void {
  const names = new Set<string>();
  for (const m of metrics) {
    if (names.has(m.name)) throw new Error(`metric ${m.name} is registered twice`);
    if (!/^[a-z]+\.[a-z_]+$/.test(m.name)) throw new Error(`metric name ${m.name} is not <module>.<what>`);
    names.add(m.name);
  }
  const ids = new Set<string>();
  for (const t of tiles) {
    if (ids.has(t.id)) throw new Error(`tile ${t.id} is registered twice`);
    ids.add(t.id);
    for (const name of [t.metric, t.per]) if (name && !names.has(name)) throw new Error(`tile ${t.id} reads unknown metric ${name}`);
    if (t.kind !== 'count' && !t.per) throw new Error(`tile ${t.id} (${t.kind}) needs the metric it is divided by`);
  }
}

/**
 * Moves every committed delta into metric_value in one statement (one snapshot: the deltas it
 * deletes are exactly the ones it adds). One fold at a time across processes; a second caller
 * meanwhile folds nothing. Returns how many deltas it folded.
 */
export async function foldMetrics(db: Db, metrics: readonly MetricDefinition[]): Promise<number> {
  if (metrics.length === 0) return 0;
  const [result] = await rows<{ n: number }>(
    db,
    sql.raw(`with lock as (select pg_try_advisory_xact_lock(${FOLD_LOCK}) as got),
      d as (delete from metric_delta where (select got from lock) returning fact, region_code, grid_id, day, dim, value),
      grouped as (
        select m.metric, sc.scope,
          case m.period when 'now' then null when 'month' then date_trunc('month', d.day)::date else d.day end as day,
          case when m.keep_dim then d.dim else '' end as dim, sum(d.value) as value
        from d join ${catalog(metrics)} on m.fact = d.fact
          cross join lateral metric_scopes(d.region_code, d.grid_id) sc(scope)
        group by 1, 2, 3, 4
      ),
      added as (
        insert into metric_value (scope, metric, day, dim, value) select scope, metric, day, dim, value from grouped where value <> 0
        on conflict (scope, metric, day, dim) do update set value = metric_value.value + excluded.value
      )
      select count(*)::int as n from d`),
  );
  return result?.n ?? 0;
}

/** The recount of one metric as rows (scope, metric, day, dim, value), grouped like the fold. */
function recountOf(m: MetricDefinition): string {
  return `select sc.scope, ${quote(m.name)}::text as metric, ${periodDay(m, 'r.day')} as day, ${m.by ? 'r.dim::text' : "''"} as dim, sum(r.value)::bigint as value
    from (${m.recount}) as r(region_code, grid_id, day, dim, value)
      cross join lateral metric_scopes(r.region_code, r.grid_id) sc(scope)
    group by 1, 2, 3, 4`;
}

/**
 * Recomputes every metric from the source tables. Deltas committed before its snapshot are
 * dropped (the recount holds them); later ones stay for the next fold. Holds the fold lock and
 * truncates the table while it runs.
 */
export async function rebuildMetrics(db: Db, metrics: readonly MetricDefinition[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`select pg_advisory_xact_lock(${FOLD_LOCK})`));
    await tx.execute(sql.raw('truncate metric_value'));
    await tx.execute(sql.raw('delete from metric_delta'));
    for (const m of metrics) {
      await tx.execute(sql.raw(`insert into metric_value (scope, metric, day, dim, value) select * from (${recountOf(m)}) x where value <> 0`));
    }
  });
}

/**
 * Differences between metric_value and a recount from source, per registered metric, as lines
 * `metric scope day dim: stored S, counted C` (at most `limit`; empty when they agree). Zero
 * rows count as absent.
 */
export async function compareWithRecount(db: Db, metrics: readonly MetricDefinition[], limit = 20): Promise<string[]> {
  const differences: string[] = [];
  for (const m of metrics) {
    const found = await rows<{ scope: string; day: string | null; dim: string; stored: string; counted: string }>(
      db,
      sql.raw(`with counted as (select scope, day, dim, value from (${recountOf(m)}) x where value <> 0),
          stored as (select scope, day, dim, value from metric_value where metric = ${quote(m.name)} and value <> 0)
        select coalesce(s.scope, c.scope) as scope, to_char(coalesce(s.day, c.day), 'YYYY-MM-DD') as day, coalesce(s.dim, c.dim) as dim,
          coalesce(s.value, 0)::text as stored, coalesce(c.value, 0)::text as counted
        from stored s full join counted c on c.scope = s.scope and c.day is not distinct from s.day and c.dim = s.dim
        where s.value is distinct from c.value
        limit ${limit}`),
    );
    for (const r of found) differences.push(`${m.name} ${r.scope} ${r.day ?? 'now'} ${r.dim || '-'}: stored ${r.stored}, counted ${r.counted}`);
  }
  return differences;
}

/** Folds in the background every `everyMs` (0: never; tests fold by hand). */
export class MetricFolder {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Db,
    private readonly metrics: readonly MetricDefinition[],
  ) {}

  start(everyMs: number): void {
    if (everyMs <= 0 || this.metrics.length === 0) return;
    this.timer = setInterval(() => {
      this.running ??= foldMetrics(this.db, this.metrics)
        .catch((error: unknown) => console.error('metric fold failed', error))
        .finally(() => (this.running = null));
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
