/**
 * Two months of history for the demo city that `npm start` seeds: tickets in every state (with
 * their assignments and timelines, ratings, escalations, overdue cases) from the ticket generator
 * (generate-tickets.ts), a few summonses (吹哨报到) with check-ins, loaded by COPY and followed by
 * a recount of the dashboard's metrics, so the dashboard, the lists and the timelines agree.
 * Deterministic from the seed and the clock (record ids and ciphertexts aside).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { isInSubtree } from '@gridgov/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/client.js';
import type { PiiVault } from '../../platform/pii/vault.js';
import { bbox } from '../../platform/geo/polygon.js';
import { rebuildMetrics } from '../../platform/metrics/metrics.js';
import { MODULES } from '../index.js';
import { copyLoad, type CopySink } from './copy-loader.js';
import { mulberry32 } from './generate-city.js';
import { ASSIGNMENT_COPY_COLUMNS, EVENT_COPY_COLUMNS, generateTickets, iso, TICKET_COPY_COLUMNS, type TicketGrid } from './generate-tickets.js';
import type { DemoSeed } from './seed-demo.js';

export interface HistoryOptions {
  /** Length of the history in days (default 60). */
  days?: number;
  /** Reports per grid and day on average (default 0.3: about 650 tickets for the small city). */
  perGridPerDay?: number;
  reopenDays?: number;
}

export interface HistoryCounts {
  tickets: number;
  assignments: number;
  events: number;
  summonses: number;
}

const HOUR = 3_600_000;
const SUMMONS_COLUMNS = ['id', 'ticket_id', 'region_code', 'created_by', 'note', 'due_at', 'created_at'] as const;
const SUMMONED_COLUMNS = ['summons_id', 'department_id', 'checked_in_at', 'checked_in_by', 'action'] as const;
/** Summonses on open cases: the handling department has checked in, the other not yet. */
const SUMMONSES = 5;

export async function seedDemoHistory(database: Database, seed: DemoSeed, clock: Clock, vault: PiiVault, options: HistoryOptions = {}): Promise<HistoryCounts> {
  const days = options.days ?? 60;
  const until = clock.now().getTime();
  const grids: TicketGrid[] = seed.city.grids.map((g) => ({
    id: seed.gridIds.get(g.code)!,
    code: g.code,
    regionCode: g.regionCode,
    box: bbox(g.boundary.coordinates) as [number, number, number, number],
    ring: g.boundary.coordinates[0],
    weight: Math.max(1, g.residents),
  }));
  const count = Math.round(grids.length * days * (options.perGridPerDay ?? 0.3));
  const plan = {
    seed: seed.city.seed, count, until, days, grids, vault, events: true, inFlight: 60,
    categoryIds: seed.tickets.categoryIds, departmentIds: seed.tickets.departmentIds, reopenDays: options.reopenDays ?? 7,
  };
  const accounts = new Map(seed.accounts.map((a) => [a.username, a]));
  const handlers = new Map(seed.accounts.filter((a) => a.department).map((a) => [seed.tickets.departmentIds.get(`${a.scopeRegionCode}:${a.department}`), seed.userIds.get(a.username)!]));
  // The command centre nearest to the case: the township's, the county's or the city's.
  const commanders = (['township_op', 'county_op', 'city_op'] as const).map((u) => accounts.get(u)!);
  const commander = (regionCode: string) => commanders.find((a) => isInSubtree(regionCode, a.scopeRegionCode)) ?? commanders.at(-1)!;
  const random = mulberry32(seed.city.seed * 7919 + 17);
  const counts: HistoryCounts = { tickets: 0, assignments: 0, events: 0, summonses: 0 };

  const tables = [
    { name: 'ticket', columns: TICKET_COPY_COLUMNS },
    { name: 'ticket_assignment', columns: ASSIGNMENT_COPY_COLUMNS },
    { name: 'ticket_event', columns: EVENT_COPY_COLUMNS },
    { name: 'summons', columns: SUMMONS_COLUMNS },
    { name: 'summons_department', columns: SUMMONED_COLUMNS },
  ];
  const put = async (sink: CopySink | undefined, line: string) => {
    if (sink!.write(line)) await sink!.drain();
  };
  await copyLoad(database, tables, { indexes: 'keep' }, async ([tickets, assignments, events, summonses, summoned]) => {
    for (const t of generateTickets(plan)) {
      await put(tickets, t.ticket);
      if (t.assignment) await put(assignments, t.assignment);
      for (const e of t.events) await put(events, e);
      counts.events += t.events.length;
      // A township or county blows the whistle on some cases with a department: the department
      // handling it reports in, and the police (or the justice bureau) are called too.
      const regionCode = columnOf(t.ticket, 'region_code');
      const isOpen = t.status === 'dispatched' || t.status === 'handling';
      if (!isOpen || counts.summonses >= SUMMONSES || !t.departmentId || random() > 0.25) continue;
      const county = `${regionCode.slice(0, 6)}000000`;
      const other = ['公安分局', '司法局'].map((d) => seed.tickets.departmentIds.get(`${county}:${d}`)).find((id) => id && id !== t.departmentId);
      if (!other) continue;
      const by = commander(regionCode);
      const at = Math.min(t.updatedAt + HOUR / 2, t.updatedAt + (until - t.updatedAt) / 2);
      const id = randomUUID();
      const dueAt = at + 2 * HOUR;
      await put(summonses, `${id}\t${t.id}\t${by.scopeRegionCode}\t${seed.userIds.get(by.username)}\t多部门联合处置\t${iso(dueAt)}\t${iso(at)}\n`);
      await put(summoned, `${id}\t${t.departmentId}\t${iso(Math.min(until, at + HOUR / 2))}\t${handlers.get(t.departmentId) ?? '\\N'}\t已到场\n`);
      await put(summoned, `${id}\t${other}\t\\N\t\\N\t\\N\n`);
      // The timeline goes on after the ticket's last step.
      const seq = t.events.length;
      await put(events, `${t.id}\t${seq + 1}\tsummon\t${iso(at)}\t${by.displayName}\t\\N\t${t.status}\t${t.status}\t多部门联合处置\t{"summonsId": "${id}", "departmentIds": ["${t.departmentId}", "${other}"], "dueAt": "${iso(dueAt)}"}\tf\n`);
      counts.events++;
      counts.summonses++;
    }
    [counts.tickets, counts.assignments] = [tickets!.rows, assignments!.rows];
  });
  // Ticket numbers ran 1..count: intake goes on after them.
  if (counts.tickets) await database.db.execute(sql`select setval('ticket_number_seq', ${counts.tickets})`);
  await rebuildMetrics(database.db, MODULES.flatMap((m) => m.metrics ?? []));
  return counts;
}

/** One column of a generated ticket's COPY line. */
function columnOf(line: string, column: (typeof TICKET_COPY_COLUMNS)[number]): string {
  return line.split('\t')[TICKET_COPY_COLUMNS.indexOf(column)] ?? '';
}
