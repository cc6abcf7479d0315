/**
 * Loads a whole generated demo city into an empty database, fast: the demo seed (regions, grids,
 * accounts, departments, categories, places), then residents with their households and two
 * years of tickets with their department assignments by COPY, the dashboard's aggregates (when
 * that module is there) and `vacuum analyze`. Behind `npm run demo:generate` (cli/demo-generate.ts);
 * docs/city-scale.md has the figures.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import { rows, type Database, type Db } from '../../platform/db/client.js';
import { PiiVault } from '../../platform/pii/vault.js';
import { bbox } from '../../platform/geo/polygon.js';
import { rebuildMetrics } from '../../platform/metrics/metrics.js';
import { MODULES } from '../index.js';
import { seedDemoRegisters } from '../registers/demo-registers.js';
import { NaiveBayesSuggester } from '../tickets/category-suggester.js';
import { generateLabelledTickets, seededRandom } from '../tickets/classifier/training-texts.js';
import { copyLoad, type CopySink, type LoadOptions } from './copy-loader.js';
import type { DemoScale } from './generate-city.js';
import { ASSIGNMENT_COPY_COLUMNS, generateTickets, TICKET_COPY_COLUMNS, type TicketGrid } from './generate-tickets.js';
import {
  HOUSEHOLD_COPY_COLUMNS, MEMBER_COPY_COLUMNS, nextBatch, RESIDENT_COPY_COLUMNS, residentBatchesOnWorker, workerLines, type ResidentBatch, type ResidentWorkerInit,
} from './load-residents.js';
import { isSeeded, seedDemo, type DemoSeed } from './seed-demo.js';

export interface GenerateOptions {
  scale: DemoScale;
  seed: number;
  /** Tickets over the history. */
  tickets: number;
  /** Length of the ticket history in years. */
  years: number;
  /** End of the ticket history (the tickets' states are as at it); default: the clock's now. */
  until?: Date;
  /** The personal-data master key of the database (what the server will use). */
  piiKey: Buffer;
  clock: Clock;
  /** Drop and rebuild the loaded tables' indexes (default), or load into them. */
  indexes?: LoadOptions['indexes'];
  /** How long closed tickets may be reopened (GRIDGOV_REOPEN_DAYS). */
  reopenDays?: number;
  /** Leave the dashboard's aggregates alone (to time or rebuild them separately). */
  skipAggregates?: boolean;
  /** Progress lines; nothing is printed without it. */
  log?: (line: string) => void;
}

export interface Phase {
  name: string;
  ms: number;
  /** Rows written, when the phase writes rows. */
  rows?: number;
  /** Of `ms`, building indexes again after the COPY. */
  indexMs?: number;
}

export interface GenerateResult {
  seed: DemoSeed;
  until: Date;
  counts: { residents: number; households: number; householdMembers: number; tickets: number; assignments: number };
  phases: Phase[];
  /** Whether the dashboard's aggregates were rebuilt. */
  aggregates: boolean;
}

/** The database already holds a demo city (or any regions): the generator loads only empty ones. */
export class DemoDataPresentError extends Error {
  constructor() {
    super('the database already holds demo data (regions exist); use an empty database or --replace');
  }
}

/** Rows per second while a phase writes, printed every few seconds. */
class Progress {
  private count = 0;
  private readonly started = performance.now();
  private last = this.started;
  private lastCount = 0;

  constructor(
    private readonly log: ((line: string) => void) | undefined,
    private readonly name: string,
    private readonly total: number,
  ) {}

  add(n: number): void {
    this.count += n;
    if (!this.log || (this.count & 0xfff) >= n) return;
    const now = performance.now();
    if (now - this.last < 5000) return;
    const rate = ((this.count - this.lastCount) * 1000) / (now - this.last);
    const share = this.total ? ` / ${fmt(this.total)} (${((100 * this.count) / this.total).toFixed(1)}%)` : '';
    this.log(`  ${this.name}: ${fmt(this.count)}${share}, ${fmt(rate)} rows/s now, ${fmt((this.count * 1000) / (now - this.started))} rows/s on average`);
    [this.last, this.lastCount] = [now, this.count];
  }
}

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Writes lines to a sink, waiting when its COPY stream asks to. */
async function put(sink: CopySink, lines: string | Uint8Array, count = 1): Promise<void> {
  if (sink.write(lines, count)) await sink.drain();
}

async function timed<T>(phases: Phase[], name: string, work: () => Promise<T>, log?: (line: string) => void): Promise<T> {
  log?.(`${name}...`);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  phases.push({ name, ms });
  log?.(`${name}: ${(ms / 1000).toFixed(1)} s`);
  return result;
}

/** Dwelling ids per grid code, in building, floor and room order (demo-registers.ts made them). */
async function dwellingsByGrid(db: Db): Promise<Map<string, string[]>> {
  const found = await rows<{ grid: string; id: string }>(
    db,
    sql`select g.code as grid, d.id from dwelling d join grid g on g.id = d.grid_id join building b on b.id = d.building_id
        where d.deleted_at is null order by g.code, b.name, d.floor, d.room`,
  );
  const out = new Map<string, string[]>();
  for (const f of found) {
    const list = out.get(f.grid);
    if (list) list.push(f.id);
    else out.set(f.grid, [f.id]);
  }
  return out;
}

/** Grids per call of seedDemoRegisters (whole communities; about 300 communities' venues in one insert). */
const PLACES_GRIDS = 900;

const LOADED_TABLES = ['resident', 'household', 'household_member', 'ticket', 'ticket_assignment'];

/** Resident batches made in this thread (the same as the worker's). */
async function* residentBatchesHere(init: ResidentWorkerInit, vault: PiiVault): AsyncGenerator<ResidentBatch> {
  const lines = workerLines(init, vault);
  for (let batch = nextBatch(lines); batch; batch = nextBatch(lines)) yield batch;
}

interface Context {
  database: Database;
  options: GenerateOptions;
  seed: DemoSeed;
  vault: PiiVault;
  load: LoadOptions;
  until: Date;
  counts: GenerateResult['counts'];
  /** Make residents on a worker thread (while this one makes tickets). */
  thread: boolean;
}

async function loadResidents(c: Context): Promise<Phase> {
  const { city } = c.seed;
  const log = c.options.log;
  log?.(`residents: ${fmt(city.residentCount)} in ${fmt(city.grids.reduce((a, g) => a + g.households, 0))} households${c.thread ? ' (made on a worker thread)' : ''}...`);
  const started = performance.now();
  const dwellings = await dwellingsByGrid(c.database.db);
  const init: ResidentWorkerInit = {
    scale: c.options.scale,
    seed: c.options.seed,
    key: new Uint8Array(c.options.piiKey),
    grids: city.grids.map((g) => [g.code, c.seed.gridIds.get(g.code)!, g.regionCode]),
    dwellings: [...dwellings],
    now: c.options.clock.now().toISOString(),
  };
  const progress = new Progress(log, 'residents', city.residentCount);
  const tables = [
    { name: 'resident', columns: RESIDENT_COPY_COLUMNS },
    { name: 'household', columns: HOUSEHOLD_COPY_COLUMNS },
    { name: 'household_member', columns: MEMBER_COPY_COLUMNS },
  ];
  const times = await copyLoad(c.database, tables, c.load, async ([residents, households, members]) => {
    for await (const b of c.thread ? residentBatchesOnWorker(init) : residentBatchesHere(init, c.vault)) {
      await put(households!, b.households, b.householdRows);
      await put(residents!, b.residents, b.residentRows);
      await put(members!, b.members, b.residentRows);
      progress.add(b.residentRows);
    }
    [c.counts.residents, c.counts.households, c.counts.householdMembers] = [residents!.rows, households!.rows, members!.rows];
  });
  const ms = performance.now() - started;
  if (!times.triggersOff) log?.('  (not a superuser: triggers stayed on while loading residents)');
  log?.(`residents: ${fmt(c.counts.residents)} residents, ${fmt(c.counts.households)} households in ${(ms / 1000).toFixed(1)} s (indexes ${(times.indexMs / 1000).toFixed(1)} s), ${fmt((c.counts.residents * 1000) / ms)} residents/s`);
  return { name: 'residents, households, members', ms, rows: c.counts.residents + c.counts.households + c.counts.householdMembers, indexMs: times.indexMs };
}

async function loadTickets(c: Context): Promise<Phase> {
  const { options, seed, counts } = c;
  const log = options.log;
  log?.(`tickets: ${fmt(options.tickets)} over ${options.years} years until ${c.until.toISOString()}...`);
  const started = performance.now();
  const grids: TicketGrid[] = seed.city.grids.map((g) => ({
    id: seed.gridIds.get(g.code)!,
    code: g.code,
    regionCode: g.regionCode,
    box: bbox(g.boundary.coordinates) as [number, number, number, number],
    ring: g.boundary.coordinates[0],
    // More people, more reports.
    weight: Math.max(1, g.residents),
  }));
  const progress = new Progress(log, 'tickets', options.tickets);
  const tables = [
    { name: 'ticket', columns: TICKET_COPY_COLUMNS },
    { name: 'ticket_assignment', columns: ASSIGNMENT_COPY_COLUMNS },
  ];
  const times = await copyLoad(c.database, tables, c.load, async ([tickets, assignments]) => {
    const plan = {
      seed: options.seed,
      count: options.tickets,
      until: c.until.getTime(),
      days: Math.round(options.years * 365),
      grids,
      categoryIds: seed.tickets.categoryIds,
      departmentIds: seed.tickets.departmentIds,
      vault: c.vault,
      reopenDays: options.reopenDays ?? 7,
    };
    let n = 0;
    for (const t of generateTickets(plan)) {
      if (tickets!.write(t.ticket)) await tickets!.drain();
      if (t.assignment && assignments!.write(t.assignment)) await assignments!.drain();
      progress.add(1);
      // Let the residents' loop (on this thread) move its worker's batches on every few milliseconds:
      // a COPY that keeps up never makes this loop wait.
      if (c.thread && ++n % 256 === 0) await yieldToLoop();
    }
    [counts.tickets, counts.assignments] = [tickets!.rows, assignments!.rows];
  });
  // Ticket numbers ran 1..count: intake goes on after them.
  if (counts.tickets) await c.database.db.execute(sql`select setval('ticket_number_seq', ${counts.tickets})`);
  const ms = performance.now() - started;
  if (!times.triggersOff) log?.('  (not a superuser: triggers stayed on while loading tickets)');
  log?.(`tickets: ${fmt(counts.tickets)} tickets, ${fmt(counts.assignments)} assignments in ${(ms / 1000).toFixed(1)} s (indexes ${(times.indexMs / 1000).toFixed(1)} s), ${fmt((counts.tickets * 1000) / ms)} tickets/s`);
  return { name: 'tickets, assignments', ms, rows: counts.tickets + counts.assignments, indexMs: times.indexMs };
}

/**
 * Generates the demo city into `database`, which must hold no demo data yet (DemoDataPresentError).
 * On PostgreSQL residents (made on a worker thread) and tickets load side by side.
 */
export async function generateDemoData(database: Database, options: GenerateOptions): Promise<GenerateResult> {
  const { log, clock } = options;
  const db = database.db;
  const vault = new PiiVault(options.piiKey);
  const phases: Phase[] = [];
  if (await isSeeded(db)) throw new DemoDataPresentError();

  // 1. The demo seed as `npm start` makes it, without its one-by-one residents; places per grid.
  const seed = await timed(
    phases,
    'seed (regions, grids, accounts, departments, categories, places)',
    async () => {
      const seeded = await seedDemo(db, clock, { scale: options.scale, seed: options.seed });
      // Places a few hundred communities at a time: seedDemoRegisters writes all venues of a call in one statement.
      const grids = seeded.city.grids.map((g) => ({ ...g, id: seeded.gridIds.get(g.code)! }));
      for (let from = 0; from < grids.length; ) {
        let to = Math.min(grids.length, from + PLACES_GRIDS);
        while (to < grids.length && grids[to]!.regionCode === grids[to - 1]!.regionCode) to++;
        await seedDemoRegisters(db, vault, clock, grids.slice(from, to), []);
        from = to;
      }
      // As on a first `npm start`: the category suggester learns from generated texts.
      const suggester = new NaiveBayesSuggester();
      suggester.train(generateLabelledTickets(seededRandom(1), 4000, 'demo'));
      await suggester.save(db, clock.now());
      return seeded;
    },
    log,
  );
  log?.(`  ${fmt(seed.city.regions.length)} regions, ${fmt(seed.city.grids.length)} grids, ${fmt(seed.accounts.length)} accounts`);

  // 2, 3. Residents with households and members; tickets with assignments. PostgreSQL takes them side by side.
  const c: Context = {
    database, options, seed, vault,
    load: { indexes: options.indexes ?? 'rebuild' },
    until: options.until ?? clock.now(),
    counts: { residents: 0, households: 0, householdMembers: 0, tickets: 0, assignments: 0 },
    thread: database.kind === 'postgres',
  };
  if (c.thread) {
    const settled = await Promise.allSettled([loadResidents(c), loadTickets(c)]);
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
    for (const s of settled) if (s.status === 'fulfilled') phases.push(s.value);
  } else {
    phases.push(await loadResidents(c));
    phases.push(await loadTickets(c));
  }

  // 4. The modules' metrics, recounted from what was loaded with triggers off.
  if (!options.skipAggregates) await timed(phases, 'metrics', () => rebuildMetrics(db, MODULES.flatMap((m) => m.metrics ?? [])), log);
  else log?.('dashboard aggregates: skipped as asked');

  // 5. Statistics for the planner (and the visibility map); a checkpoint so the next user does not pay for it.
  await timed(
    phases,
    'vacuum analyze',
    async () => {
      await db.execute(sql.raw(`vacuum (analyze) ${LOADED_TABLES.join(', ')}`));
      await db.execute(sql`analyze`);
      if (database.kind === 'postgres') await db.execute(sql`checkpoint`).catch(() => log?.('  (no checkpoint: not a superuser)'));
    },
    log,
  );
  return { seed, until: c.until, counts: c.counts, phases, aggregates: !options.skipAggregates };
}
