/**
 * The dashboard's maintained aggregates (migration 0005): triggers append the change of every
 * counted fact to dash_delta; the fold moves those deltas into the aggregate tables, rolled up to
 * every scope. A full recount groups the facts read from the base tables with the same queries,
 * so the maintained figures and a recount agree by construction, and a test checks that they do.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';

/** One aggregate table: its key columns and its summed columns. */
interface Aggregate {
  table: string;
  keys: string[];
  sums: string[];
  /** The rows of a fact set `f` (columns of dash_delta, with `sign`), grouped by the keys. */
  select: string;
}

const SCOPES = 'cross join lateral dash_scopes(c.region_code, c.grid_id) sc(scope)';
const month = (day: string) => `date_trunc('month', ${day})::date`;

export const AGGREGATES: Aggregate[] = [
  {
    table: 'dash_now',
    keys: ['scope'],
    sums: ['open_tickets', 'overdue_tickets', 'emergency_open', 'residents', 'households', 'grid_workers', 'pending_summonses'],
    select: `select sc.scope,
        sum(case when c.kind = 'ticket' and c.is_open then c.sign else 0 end),
        sum(case when c.kind = 'ticket' and c.is_open and c.overdue then c.sign else 0 end),
        sum(case when c.kind = 'ticket' and c.is_open and c.emergency then c.sign else 0 end),
        sum(case when c.kind = 'resident' then c.sign * c.n else 0 end),
        sum(case when c.kind = 'household' then c.sign * c.n else 0 end),
        sum(case when c.kind = 'grid_worker' then c.sign * c.n else 0 end),
        sum(case when c.kind = 'summons' then c.sign * c.n else 0 end)
      from f c ${SCOPES}
      where c.kind in ('ticket', 'resident', 'household', 'grid_worker', 'summons')
      group by sc.scope`,
  },
  {
    table: 'dash_day',
    keys: ['scope', 'day'],
    sums: ['reported', 'closed', 'closed_on_time', 'rated', 'rating_sum'],
    select: `select sc.scope, c.day, sum(c.reported), sum(c.closed), sum(c.on_time), sum(c.rated), sum(c.rating_sum)
      from (
        select region_code, grid_id, first_day as day, sign as reported, 0 as closed, 0 as on_time, 0 as rated, 0 as rating_sum from f where kind = 'ticket'
        union all
        select region_code, grid_id, done_day, 0, sign, case when on_time then sign else 0 end, case when rating is not null then sign else 0 end, sign * coalesce(rating, 0)
        from f where kind = 'ticket' and done_day is not null
      ) c ${SCOPES}
      group by sc.scope, c.day`,
  },
  {
    table: 'dash_month',
    keys: ['scope', 'month'],
    sums: ['reported', 'closed', 'closed_on_time'],
    select: `select sc.scope, c.month, sum(c.reported), sum(c.closed), sum(c.on_time)
      from (
        select region_code, grid_id, ${month('first_day')} as month, sign as reported, 0 as closed, 0 as on_time from f where kind = 'ticket'
        union all
        select region_code, grid_id, ${month('done_day')}, 0, sign, case when on_time then sign else 0 end from f where kind = 'ticket' and done_day is not null
      ) c ${SCOPES}
      group by sc.scope, c.month`,
  },
  {
    table: 'dash_category_month',
    keys: ['scope', 'month', 'category_id'],
    sums: ['reported'],
    select: `select sc.scope, ${month('c.first_day')}, c.category_id, sum(c.sign)
      from f c ${SCOPES}
      where c.kind = 'ticket'
      group by 1, 2, 3`,
  },
  {
    table: 'dash_department_month',
    keys: ['scope', 'month', 'department_id'],
    sums: ['assigned', 'done', 'on_time'],
    select: `select sc.scope, c.month, c.department_id, sum(c.assigned), sum(c.done), sum(c.on_time)
      from (
        select region_code, grid_id, department_id, ${month('first_day')} as month, sign * n as assigned, 0 as done, 0 as on_time from f where kind = 'assignment'
        union all
        select region_code, grid_id, department_id, ${month('done_day')}, 0, sign, case when on_time then sign else 0 end from f where kind = 'assignment' and done_day is not null
      ) c ${SCOPES}
      group by 1, 2, 3`,
  },
];

/** Adds the grouped rows of the facts in CTE `f` to an aggregate table (as one CTE of a statement). */
function addInto(a: Aggregate): string {
  const columns = [...a.keys, ...a.sums];
  return `insert into ${a.table} (${columns.join(', ')}) ${a.select}
    on conflict (${a.keys.join(', ')}) do update set ${a.sums.map((s) => `${s} = ${a.table}.${s} + excluded.${s}`).join(', ')}`;
}

const FOLD_LOCK = 7_301_003;

/**
 * Moves every committed delta into the aggregates in one statement (one snapshot: the deltas it
 * deletes are exactly the ones it adds). One fold at a time across processes; a second caller
 * meanwhile folds nothing. Returns how many deltas it folded.
 */
export async function foldDeltas(db: Db): Promise<number> {
  const [result] = await rows<{ n: number }>(
    db,
    sql.raw(`with lock as (select pg_try_advisory_xact_lock(${FOLD_LOCK}) as got),
      f as (delete from dash_delta where (select got from lock) returning *),
      ${AGGREGATES.map((a, i) => `a${i} as (${addInto(a)})`).join(',\n')}
      select count(*)::int as n from f`),
  );
  return result?.n ?? 0;
}

/** The facts of the base tables, as a fact set with signs. */
const ALL_FACTS = 'select 1 as sign, * from dash_fact_all';

/**
 * Recomputes every aggregate from the base tables (after a bulk load with triggers off, or to
 * repair). Deltas committed before its snapshot are dropped (the recount holds them); later ones
 * stay for the next fold. Takes the tables' exclusive locks while it runs.
 */
export async function rebuildDashboardAggregates(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`select pg_advisory_xact_lock(${FOLD_LOCK})`));
    await tx.execute(sql.raw(`truncate ${AGGREGATES.map((a) => a.table).join(', ')}`));
    await tx.execute(
      sql.raw(`with f as (${ALL_FACTS}), dropped as (delete from dash_delta),
        ${AGGREGATES.map((a, i) => `a${i} as (insert into ${a.table} (${[...a.keys, ...a.sums].join(', ')}) ${a.select})`).join(',\n')}
        select 1`),
    );
  });
}

/**
 * Differences between an aggregate table and a full recount, as rows `table: key → stored vs
 * counted` (empty when they agree). Rows whose sums are all zero count as absent.
 */
export async function compareWithRecount(db: Db): Promise<string[]> {
  const differences: string[] = [];
  for (const a of AGGREGATES) {
    const columns = [...a.keys, ...a.sums];
    const nonZero = a.sums.map((s) => `${s} <> 0`).join(' or ');
    const counted = `select ${columns.map((c, i) => `r.column${i + 1}::${i < a.keys.length ? 'text' : 'bigint'} as ${c}`).join(', ')}
      from (with f as (${ALL_FACTS}) ${a.select}) as r(${columns.map((_, i) => `column${i + 1}`).join(', ')})`;
    const stored = `select ${columns.map((c, i) => `${c}::${i < a.keys.length ? 'text' : 'bigint'}`).join(', ')} from ${a.table}`;
    const found = await rows<Record<string, string>>(
      db,
      sql.raw(`with counted as (select * from (${counted}) x where ${nonZero}), stored as (select * from (${stored}) y where ${nonZero})
        (select 'stored' as side, * from stored except select 'stored', * from counted)
        union all
        (select 'counted', * from counted except select 'counted', * from stored)
        limit 20`),
    );
    for (const row of found) differences.push(`${a.table} ${row.side}: ${JSON.stringify(row)}`);
  }
  return differences;
}

/** Folds in the background every `everyMs` (0: never; tests fold by hand). */
export class DashboardFolder {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly db: Db) {}

  start(everyMs: number): void {
    if (everyMs <= 0) return;
    this.timer = setInterval(() => {
      this.running ??= foldDeltas(this.db)
        .catch((error: unknown) => console.error('dashboard fold failed', error))
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
