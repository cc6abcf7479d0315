/**
 * Generated ticket history for the demo city and the benchmarks: `count` tickets over the `days`
 * before `until`, in order of time, each carried through the closed loop as the state machine
 * allows (flow.ts) and stopped where it stands at `until`. Yields COPY text lines (text format)
 * for `ticket` and, for tickets dispatched to a department, `ticket_assignment`. Nothing is
 * kept but a day's report times and the last ticket of each grid, so any count streams.
 *
 * The same seed and `until` give the same tickets (record ids and the ciphertexts' random IVs
 * aside). Timeline events, notifications, timers and audit entries are not generated.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_LIMITS, type HandlingLevel, type LimitClass, type TicketSource, type TicketStatus } from '@gridgov/contracts';
import type { PiiVault } from '../../platform/pii/vault.js';
import { copyText } from '../imports/bulk-tx.js';
import { pointInPolygon } from '../../platform/geo/polygon.js';
import { fingerprint } from '../tickets/similarity.js';
import { protect } from '../registers/personal-data.js';
import { DEMO_CATEGORIES } from '../tickets/categories.js';
import { generateTicketText, pickTicketCategory, type RandomFn } from '../tickets/classifier/training-texts.js';
import { DEMO_DEPARTMENTS } from '../tickets/demo-tickets.js';
import { publicStatusOf } from '../tickets/flow.js';
import { mulberry32 } from './generate-city.js';
import * as names from './names.js';

export const TICKET_COPY_COLUMNS = [
  'id', 'number', 'source', 'category_id', 'description', 'text_sig', 'lon', 'lat', 'grid_id', 'region_code', 'level', 'status', 'public_status', 'emergency',
  'reporter_name', 'reporter_phone_cipher', 'reporter_phone_hash', 'reporter_phone_masked', 'custom_fields', 'dispatch_due_at', 'handle_due_at',
  'overdue', 'supervised', 'rating', 'reopen_until', 'duplicate_of', 'version', 'created_at', 'updated_at', 'closed_at',
] as const;

export const ASSIGNMENT_COPY_COLUMNS = ['ticket_id', 'department_id', 'lead', 'status', 'due_at', 'note', 'assigned_at', 'updated_at'] as const;

export const EVENT_COPY_COLUMNS = ['ticket_id', 'seq', 'action', 'at', 'actor_name', 'department_id', 'from_status', 'to_status', 'note', 'data', 'public'] as const;

export interface TicketGrid {
  id: string;
  code: string;
  /** The grid's community code. */
  regionCode: string;
  /** [west, south, east, north] of the grid. */
  box: readonly [number, number, number, number];
  /** The grid's outline: reports are placed inside it (without it, anywhere in the box). */
  ring?: readonly number[][];
  /** Relative share of the reports (its residents, say); 1 when absent. */
  weight?: number;
}

export interface TicketPlan {
  seed: number;
  count: number;
  /** End of the history (ms since the epoch): the last report is just before it, states are as at it. */
  until: number;
  /** Length of the history in days. */
  days: number;
  grids: readonly TicketGrid[];
  /** Category ids by code (every leaf of DEMO_CATEGORIES). */
  categoryIds: ReadonlyMap<string, string>;
  /** `${countyCode}:${name}` and `${townshipCode}:综治办` -> department id (DemoTicketSetup.departmentIds); without it no assignments. */
  departmentIds?: ReadonlyMap<string, string>;
  /** Protects hotline callers' phones; without it hotline tickets carry no phone. */
  vault?: PiiVault;
  /** How long a closed ticket may be reopened (GRIDGOV_REOPEN_DAYS). */
  reopenDays?: number;
  /** Also write each ticket's timeline (ticket_event lines). */
  events?: boolean;
  /**
   * Among the newest `inFlight` tickets, some are caught mid-way (accepted, dispatched, handling,
   * reported back) where their own limits still run, so a short history still shows every state.
   */
  inFlight?: number;
}

export interface GeneratedTicket {
  /** The ticket's COPY line, newline included. */
  ticket: string;
  /** Its lead assignment's COPY line (newline included) when it was dispatched to a department. */
  assignment: string | null;
  status: TicketStatus;
  /** Its timeline's COPY lines (EVENT_COPY_COLUMNS), oldest first, when the plan asks for them. */
  events: string[];
  /** The ticket's id, number, lead department and last change, to hang more history on. */
  id: string;
  number: string;
  departmentId: string | null;
  updatedAt: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Days, hours and weekdays are China's (UTC+8, no daylight saving). */
const CHINA_OFFSET = 8 * HOUR;

/** Reports by hour of the day: quiet at night, a morning peak, a long afternoon, an evening tail. */
const HOUR_WEIGHTS = [0.15, 0.1, 0.07, 0.06, 0.07, 0.15, 0.4, 0.9, 1.5, 1.9, 2, 1.8, 1.2, 1.3, 1.7, 1.8, 1.7, 1.5, 1.1, 1, 0.9, 0.7, 0.45, 0.25];
/** By weekday, Sunday first: weekends are quieter (fewer grid workers out, offices closed). */
const WEEKDAY_WEIGHTS = [0.72, 1.12, 1.08, 1.05, 1.04, 1, 0.78];
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);

/** FNV-1a, 32 bits: an independent stream per (seed, key). */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
const stream = (seed: number, key: string): RandomFn => mulberry32(hash32(`${seed}|tickets|${key}`));

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** An exponential wait with the given mean (ms). */
const wait = (random: RandomFn, mean: number) => -Math.log(1 - random()) * mean;
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayTexts = new Map<number, string>();

/** `new Date(ms).toISOString()` for times after 1970, several times faster (a day's date text is kept). */
export function iso(ms: number): string {
  const t = Math.floor(ms);
  const day = Math.floor(t / DAY);
  let date = dayTexts.get(day);
  if (date === undefined) dayTexts.set(day, (date = new Date(day * DAY).toISOString().slice(0, 11)));
  let rest = t - day * DAY;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  const minute = rest % 60;
  return `${date}${TWO_DIGITS[(rest - minute) / 60]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.${THREE_DIGITS[milli]}Z`;
}
const isoOrNull = (ms: number | null) => (ms === null ? '\\N' : iso(ms));

interface CategoryInfo {
  id: string;
  code: string;
  group: string;
  limitClass: LimitClass;
  dispatchMinutes: number;
  handleMinutes: number;
  /** The county department that handles it (DEMO_DEPARTMENTS), by name. */
  department: string;
}

function categoryInfo(categoryIds: ReadonlyMap<string, string>): Map<string, CategoryInfo> {
  const out = new Map<string, CategoryInfo>();
  for (const group of DEMO_CATEGORIES) {
    for (const leaf of group.children) {
      const id = categoryIds.get(leaf.code);
      if (!id) continue;
      const limitClass = leaf.limitClass ?? group.limitClass;
      const owner = DEMO_DEPARTMENTS.find((d) => d.handles.includes(leaf.code)) ?? DEMO_DEPARTMENTS.find((d) => d.handles.includes(group.code));
      out.set(leaf.code, { id, code: leaf.code, group: group.code, limitClass, ...DEFAULT_LIMITS[limitClass], department: owner?.name ?? '城管局' });
    }
  }
  return out;
}

/** The share of reports each day gets: weekday, season (a summer high), growth over the period, noise. */
function dayWeight(seed: number, dayStart: number, from: number, to: number, first: number, last: number): number {
  const local = new Date(dayStart + CHINA_OFFSET);
  const weekday = WEEKDAY_WEIGHTS[local.getUTCDay()] ?? 1;
  const dayOfYear = (local.getTime() - Date.UTC(local.getUTCFullYear(), 0, 1)) / DAY;
  const season = 1 + 0.12 * Math.sin((2 * Math.PI * (dayOfYear - 100)) / 365.25);
  const growth = 0.85 + (0.3 * (dayStart - first)) / Math.max(1, last - first);
  const noise = 0.92 + 0.16 * stream(seed, `day:${dayStart}`)();
  return weekday * season * growth * noise * hourShare(dayStart, from, to);
}

/** The share of a day's hour weights that falls within [from, to). */
function hourShare(dayStart: number, from: number, to: number): number {
  let sum = 0;
  for (let h = 0; h < 24; h++) {
    const start = dayStart + h * HOUR;
    const covered = Math.max(0, Math.min(start + HOUR, to) - Math.max(start, from)) / HOUR;
    sum += (HOUR_WEIGHTS[h] ?? 0) * covered;
  }
  return sum / HOUR_TOTAL;
}

/** `n` report times within [from, to) of one day, following the hours' rhythm, sorted. */
function reportTimes(random: RandomFn, n: number, dayStart: number, from: number, to: number): Float64Array {
  const cdf: number[] = [];
  let total = 0;
  for (let h = 0; h < 24; h++) {
    const start = dayStart + h * HOUR;
    total += (HOUR_WEIGHTS[h] ?? 0) * (Math.max(0, Math.min(start + HOUR, to) - Math.max(start, from)) / HOUR);
    cdf.push(total);
  }
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const target = random() * total;
    let h = 0;
    while (h < 23 && (cdf[h] ?? 0) <= target) h++;
    const start = Math.max(dayStart + h * HOUR, from);
    const end = Math.min(dayStart + (h + 1) * HOUR, to);
    times[i] = Math.floor(start + random() * (end - start));
  }
  return times.sort();
}

/** Tickets per day (China's days) over the period: exact total by cumulative rounding. */
function dailyCounts(plan: TicketPlan): Array<{ dayStart: number; from: number; to: number; count: number }> {
  const from = plan.until - plan.days * DAY;
  const firstDay = Math.floor((from + CHINA_OFFSET) / DAY) * DAY - CHINA_OFFSET;
  const days: Array<{ dayStart: number; from: number; to: number; weight: number; count: number }> = [];
  for (let d = firstDay; d < plan.until; d += DAY) days.push({ dayStart: d, from: Math.max(d, from), to: Math.min(d + DAY, plan.until), weight: 0, count: 0 });
  const lastDay = days.at(-1)?.dayStart ?? firstDay;
  for (const day of days) day.weight = dayWeight(plan.seed, day.dayStart, day.from, day.to, firstDay, lastDay);
  const total = days.reduce((a, d) => a + d.weight, 0);
  let cumulative = 0;
  let assigned = 0;
  for (const day of days) {
    cumulative += day.weight;
    const upTo = Math.round((plan.count * cumulative) / total);
    day.count = upTo - assigned;
    assigned = upTo;
  }
  return days;
}

/** Picks grids by weight: cumulative weights and a binary search. */
function gridPicker(grids: readonly TicketGrid[]): (random: RandomFn) => number {
  const cumulative = new Float64Array(grids.length);
  let sum = 0;
  grids.forEach((g, i) => (cumulative[i] = sum += g.weight ?? 1));
  return (random) => {
    const target = random() * sum;
    let lo = 0;
    let hi = grids.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) <= target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** A report's place: a point in the grid's box, drawn again until it lies inside its outline. */
export function placeIn(random: RandomFn, g: TicketGrid): [number, number] {
  const [west, south, east, north] = g.box;
  for (let attempt = 0; ; attempt++) {
    const lon = west + (0.02 + 0.96 * random()) * (east - west);
    const lat = south + (0.02 + 0.96 * random()) * (north - south);
    if (!g.ring || pointInPolygon(lon, lat, [g.ring as number[][]])) return [lon, lat];
    if (attempt === 100) throw new Error(`no point found inside grid ${g.code}`);
  }
}

const RATINGS_ON_TIME = [0.02, 0.05, 0.13, 0.4, 1];
const RATINGS_LATE = [0.08, 0.2, 0.4, 0.7, 1];
const REPORT_NOTES = ['已处理完毕', '已现场核实并处置', '已协调相关单位解决', '已整改到位', '已答复反映人'];
const CALLER_TITLES = ['先生', '女士', '师傅', '阿姨'];

function source(random: RandomFn): TicketSource {
  const from = random();
  return from < 0.38 ? 'resident' : from < 0.72 ? 'grid_worker' : from < 0.94 ? 'hotline' : from < 0.97 ? 'department' : 'api';
}

function rating(random: RandomFn, late: boolean): number {
  const draw = random();
  const cdf = late ? RATINGS_LATE : RATINGS_ON_TIME;
  return cdf.findIndex((p) => draw < p) + 1 || 5;
}

function mobile(random: RandomFn): string {
  return `1${names.pick(random, ['33', '35', '38', '39', '50', '58', '77', '86', '88'])}${pad(Math.floor(random() * 1e8), 8)}`;
}

/**
 * The life of one ticket: the times of its steps (null: never taken) as they would happen
 * without an end. Where it stands at `until` is read from it afterwards (stateAt).
 */
interface Life {
  createdAt: number;
  /** The dispatch limit in force: the first, or the community's after an escalation. */
  dispatchDueAt: number;
  /** Escalated from the grid to the community (by hand, or by the dispatch limit: then overdue). */
  escalatedAt: number | null;
  escalatedLate: boolean;
  acceptedAt: number | null;
  /** Rejected (不予受理) or merged into an earlier ticket of the grid. */
  ended: 'rejected' | 'merged' | null;
  endedAt: number | null;
  dispatchedAt: number | null;
  handleDueAt: number | null;
  signedAt: number | null;
  reportedAt: number | null;
  closedAt: number | null;
  ratedAt: number | null;
}

interface Limits {
  /** Dispatch and handling limits of this ticket (an emergency's are shorter). */
  dispatchMs: number;
  handleMs: number;
  /** The category's own dispatch limit, which an escalation starts again. */
  categoryDispatchMs: number;
}

function live(random: RandomFn, createdAt: number, inGrid: boolean, limits: Limits, canMerge: boolean): Life {
  const life: Life = {
    createdAt, dispatchDueAt: createdAt + limits.dispatchMs, escalatedAt: null, escalatedLate: false, acceptedAt: null, ended: null, endedAt: null,
    dispatchedAt: null, handleDueAt: null, signedAt: null, reportedAt: null, closedAt: null, ratedAt: null,
  };
  const limit = limits.dispatchMs;
  const u = random();
  if (inGrid) {
    // In the grid: the grid worker rejects it, merges it, handles it, or passes it up.
    if (u < 0.03 || (u < 0.05 && canMerge)) {
      life.ended = u < 0.03 ? 'rejected' : 'merged';
      life.endedAt = createdAt + Math.min(limit * 0.9, wait(random, Math.min(2 * HOUR, limit / 4)));
      return life;
    }
    if (u < 0.75) {
      life.acceptedAt = createdAt + Math.min(limit * 0.3, wait(random, Math.min(HOUR, limit / 8)));
      const reportedAt = life.acceptedAt + wait(random, Math.min(6 * HOUR, limit / 3));
      if (reportedAt < life.dispatchDueAt) {
        life.reportedAt = reportedAt;
        life.closedAt = reportedAt + wait(random, 2 * HOUR);
        life.ratedAt = random() < 0.7 ? life.closedAt + wait(random, 12 * HOUR) : null;
        return life;
      }
      // Not done within the dispatch limit: the timer escalates it and marks it overdue.
      [life.escalatedAt, life.escalatedLate] = [life.dispatchDueAt, true];
    } else if (u < 0.94) {
      life.escalatedAt = createdAt + Math.min(limit * 0.8, wait(random, Math.min(3 * HOUR, limit / 4)));
    } else {
      [life.escalatedAt, life.escalatedLate] = [life.dispatchDueAt, true];
    }
    life.dispatchDueAt = life.escalatedAt + limits.categoryDispatchMs;
  }
  // At the community: rejected, merged, or accepted (unless already) and dispatched within the limit.
  const from = life.escalatedAt ?? createdAt;
  const window = life.dispatchDueAt - from;
  const v = random();
  if (life.acceptedAt === null && (v < 0.03 || (v < 0.04 && canMerge))) {
    life.ended = v < 0.03 ? 'rejected' : 'merged';
    life.endedAt = from + Math.min(window * 0.9, wait(random, Math.min(3 * HOUR, window / 4)));
    return life;
  }
  if (life.acceptedAt === null) life.acceptedAt = from + Math.min(window * 0.3, wait(random, Math.min(HOUR, window / 8)));
  life.dispatchedAt = Math.max(from, life.acceptedAt) + Math.min(window * 0.6, wait(random, Math.min(3 * HOUR, window / 4)));
  const handleDueAt = (life.handleDueAt = life.dispatchedAt + limits.handleMs);
  life.signedAt = life.dispatchedAt + Math.min(limits.handleMs * 0.2, wait(random, Math.min(2 * HOUR, limits.handleMs / 8)));
  const w = random();
  if (w < 0.002) {
    // Stuck: a hard case that runs for months past its limit.
    life.reportedAt = handleDueAt + (30 + random() * 270) * DAY;
  } else if (w < 0.08) {
    life.reportedAt = handleDueAt + wait(random, limits.handleMs * 0.25);
  } else {
    // On time, mostly well before the limit.
    life.reportedAt = life.signedAt + Math.pow(random(), 1.6) * (handleDueAt - life.signedAt) * 0.98;
  }
  life.closedAt = life.reportedAt + wait(random, 4 * HOUR);
  life.ratedAt = random() < 0.7 ? life.closedAt + wait(random, 12 * HOUR) : null;
  return life;
}

/**
 * Just after the step of `life` that reaches `status`, if that step comes before `until` and the
 * limit running in that state has not passed by `until` (so the ticket is not overdue there).
 */
function stepWithinLimit(life: Life, status: TicketStatus, until: number): number | null {
  if (life.ended) return null;
  const [at, due] =
    status === 'accepted' ? [life.escalatedAt === null || (life.acceptedAt ?? 0) > life.escalatedAt ? life.acceptedAt : null, life.dispatchDueAt]
    : status === 'dispatched' ? [life.dispatchedAt, life.handleDueAt]
    : status === 'handling' ? [life.signedAt, life.handleDueAt]
    : status === 'reported_back' ? [life.reportedAt, life.handleDueAt ?? life.dispatchDueAt]
    : [null, null];
  if (at === null || due === null || at >= until || due <= until) return null;
  return at + 1;
}

interface State {
  status: TicketStatus;
  updated: number;
  version: number;
  escalated: boolean;
  dispatched: boolean;
  closed: boolean;
  rated: boolean;
  overdue: boolean;
  /** Reported back after its handling limit (whether or not that has happened by `until`). */
  lateReport: boolean;
}

/** Where a ticket stands at `until`: its last step taken by then, each step a new version. */
function stateAt(life: Life, until: number): State {
  const s: State = { status: 'reported', updated: life.createdAt, version: 1, escalated: false, dispatched: false, closed: false, rated: false, overdue: false, lateReport: false };
  const take = (t: number | null, status?: TicketStatus): boolean => {
    if (t === null || t > until) return false;
    if (status) s.status = status;
    s.updated = Math.max(s.updated, t);
    s.version++;
    return true;
  };
  s.escalated = take(life.escalatedAt);
  // Later steps come later in time: the last one taken sets the status.
  take(life.acceptedAt, 'accepted');
  if (life.ended) take(life.endedAt, life.ended);
  s.dispatched = take(life.dispatchedAt, 'dispatched');
  take(life.signedAt, 'handling');
  take(life.reportedAt, 'reported_back');
  s.closed = take(life.closedAt, 'closed');
  s.rated = s.closed && take(life.ratedAt);
  s.overdue = s.escalated && life.escalatedLate;
  s.lateReport = life.handleDueAt !== null && life.reportedAt !== null && life.reportedAt > life.handleDueAt;
  // The handling limit's timer marks the ticket overdue while it is still with the department.
  if (s.dispatched && s.lateReport && take(life.handleDueAt)) s.overdue = true;
  return s;
}

const GRID_ACTOR = '网格员';
const COMMUNITY_ACTOR = '社区综治中心';
const PUBLIC_ACTIONS = new Set(['report', 'accept', 'reject', 'dispatch', 'report_back', 'close', 'rate', 'merge']);

/**
 * The timeline of a ticket's life up to `until`, as COPY lines: the steps the life took, each
 * with the status it left and reached (the same steps stateAt counts).
 */
function timeline(
  id: string,
  life: Life,
  until: number,
  who: { startsInGrid: boolean; reporterName: string | null; departmentId: string | null; rating: number | null; target: string | null },
): string[] {
  type Step = { at: number; action: string; actor: string; from: TicketStatus | null; to: TicketStatus | null; department?: string | null; note?: string; data?: string };
  const steps: Step[] = [];
  const add = (at: number | null, step: Omit<Step, 'at'>) => {
    if (at !== null && at <= until) steps.push({ at, ...step });
  };
  const acceptedBeforeEscalation = life.acceptedAt !== null && life.escalatedAt !== null && life.acceptedAt < life.escalatedAt;
  const atEscalation: TicketStatus = acceptedBeforeEscalation ? 'accepted' : 'reported';
  const handler = life.dispatchedAt === null ? GRID_ACTOR : COMMUNITY_ACTOR;
  add(life.createdAt, { action: 'report', actor: who.reporterName ?? (who.startsInGrid ? GRID_ACTOR : COMMUNITY_ACTOR), from: null, to: 'reported' });
  if (life.escalatedLate) add(life.escalatedAt, { action: 'overdue', actor: '系统', from: atEscalation, to: atEscalation, data: '{"limit": "dispatch"}' });
  add(life.escalatedAt, {
    action: 'escalate', actor: life.escalatedLate ? '系统' : GRID_ACTOR, from: atEscalation, to: atEscalation,
    note: life.escalatedLate ? '网格处置超时，自动上报社区' : '网格内无法处置，上报社区', data: `{"from": "grid", "to": "community", "automatic": ${life.escalatedLate}}`,
  });
  add(life.acceptedAt, { action: 'accept', actor: acceptedBeforeEscalation || life.escalatedAt === null ? handler : COMMUNITY_ACTOR, from: 'reported', to: 'accepted' });
  if (life.ended) add(life.endedAt, { action: life.ended === 'rejected' ? 'reject' : 'merge', actor: handler, from: 'reported', to: life.ended, note: life.ended === 'rejected' ? '不属于受理范围' : '与在办事件重复' });
  add(life.dispatchedAt, { action: 'dispatch', actor: COMMUNITY_ACTOR, from: 'accepted', to: 'dispatched', department: who.departmentId, data: who.departmentId ? `{"departmentIds": ["${who.departmentId}"]}` : '{}' });
  add(life.signedAt, { action: 'sign', actor: '承办部门', from: 'dispatched', to: 'handling', department: who.departmentId });
  if (life.handleDueAt !== null && life.reportedAt !== null && life.reportedAt > life.handleDueAt) {
    add(life.handleDueAt, { action: 'overdue', actor: '系统', from: 'handling', to: 'handling', data: '{"limit": "handle"}' });
  }
  add(life.reportedAt, { action: 'report_back', actor: life.dispatchedAt === null ? GRID_ACTOR : '承办部门', from: life.dispatchedAt === null ? 'accepted' : 'handling', to: 'reported_back', department: who.departmentId, note: '已处理完毕' });
  add(life.closedAt, { action: 'close', actor: handler, from: 'reported_back', to: 'closed', note: '经核实已办结' });
  if (who.rating !== null) add(life.ratedAt, { action: 'rate', actor: who.reporterName ?? '群众', from: 'closed', to: 'closed', data: `{"rating": ${who.rating}}` });
  steps.sort((a, b) => a.at - b.at);
  return steps.map(
    (step, i) =>
      `${id}\t${i + 1}\t${step.action}\t${iso(step.at)}\t${copyText(step.actor)}\t${step.department ?? '\\N'}\t${step.from ?? '\\N'}\t${step.to ?? '\\N'}\t` +
      `${copyText(step.note ?? null)}\t${step.data ?? '{}'}\t${PUBLIC_ACTIONS.has(step.action) ? 't' : 'f'}\n`,
  );
}

/**
 * Every ticket of the plan, oldest first, numbered 1..count (`YYYYMMDD-NNNNNN`, the UTC day as
 * intake numbers them): set `ticket_number_seq` to `count` after loading them.
 */
export function* generateTickets(plan: TicketPlan): Generator<GeneratedTicket> {
  if (plan.grids.length === 0 || plan.count <= 0) return;
  const categories = categoryInfo(plan.categoryIds);
  if (categories.size === 0) throw new Error('no ticket categories');
  const pickGrid = gridPicker(plan.grids);
  const reopenMs = (plan.reopenDays ?? 7) * DAY;
  const until = plan.until;
  /** The last ticket of each grid that a later one may be merged into. */
  const lastInGrid: Array<string | undefined> = new Array<string | undefined>(plan.grids.length);
  let n = 0;
  let waiting: TicketStatus[] = ['reported_back', 'handling', 'dispatched', 'accepted'];
  for (const day of dailyCounts(plan)) {
    if (day.count <= 0) continue;
    const random = stream(plan.seed, `reports:${day.dayStart}`);
    const times = reportTimes(random, day.count, day.dayStart, day.from, day.to);
    for (const created of times) {
      n++;
      const id = randomUUID();
      const category = categories.get(pickTicketCategory(random)) ?? categories.values().next().value!;
      const gi = pickGrid(random);
      const g = plan.grids[gi]!;
      const [lon, lat] = placeIn(random, g);
      const from = source(random);
      const emergency = random() < (category.limitClass === 'emergency' ? 0.1 : 0.004);
      const limits: Limits = {
        dispatchMs: (emergency ? DEFAULT_LIMITS.emergency.dispatchMinutes : category.dispatchMinutes) * MINUTE,
        handleMs: (emergency ? DEFAULT_LIMITS.emergency.handleMinutes : category.handleMinutes) * MINUTE,
        categoryDispatchMs: category.dispatchMinutes * MINUTE,
      };
      // Reports located in a grid start there; hotline and department reports at the community.
      const startsInGrid = from !== 'hotline' && from !== 'department';
      const target = lastInGrid[gi];
      const life = live(random, created, startsInGrid, limits, target !== undefined);
      const description = generateTicketText(random, category.code as Parameters<typeof generateTicketText>[1]);

      // A ticket caught mid-way stands at `cut`: its later steps have not happened yet.
      let cut = until;
      if (plan.inFlight && n > plan.count - plan.inFlight) {
        for (const status of waiting) {
          const at = stepWithinLimit(life, status, until);
          if (at === null) continue;
          [cut, waiting] = [at, waiting.filter((s) => s !== status)];
          break;
        }
      }
      const state = stateAt(life, cut);
      const { status, dispatched, closed, escalated, lateReport } = state;
      const ratingValue = state.rated ? rating(random, lateReport) : null;
      const open = status !== 'closed' && status !== 'rejected' && status !== 'merged';
      const overdue = state.overdue;
      const supervised = overdue && random() < (open ? 0.3 : 0.1);
      const level: HandlingLevel = startsInGrid && !escalated ? 'grid' : 'community';
      const dispatchDueAt = escalated ? life.dispatchDueAt : created + limits.dispatchMs;

      let reporterName: string | null = null;
      let phone: { cipher: string; hash: string; masked: string } | null = null;
      if (from === 'hotline' || from === 'resident') {
        reporterName = `${names.surname(random)}${names.pick(random, CALLER_TITLES)}`;
        // A hotline caller's number (drawn with or without a vault, so the rest stays the same).
        const number = from === 'hotline' ? mobile(random) : null;
        if (number !== null && plan.vault) {
          const p = protect(plan.vault, 'phone', number);
          phone = { cipher: `\\\\x${p.cipher.toString('hex')}`, hash: `\\\\x${p.hash.toString('hex')}`, masked: p.masked };
        }
      }
      const customFields =
        category.code === 'env.noise' && random() < 0.6
          ? `{"time_of_day": "${random() < 0.7 ? '夜间' : '白天'}"}`
          : category.code === 'dispute.labor' && random() < 0.5
            ? `{"workers": ${2 + Math.floor(random() * 40)}}`
            : '{}';
      const merged = status === 'merged';
      const closedAt = closed ? life.closedAt! : null;
      const day = iso(created).slice(0, 10).replace(/-/g, '');
      const handleDueAt = dispatched ? life.handleDueAt : null;
      const reopenUntil = closedAt === null ? null : closedAt + reopenMs;
      // Only open tickets are ever duplicate candidates (one reopened without a signature is always compared).
      const signature = open ? `{${fingerprint(description).signature.join(',')}}` : '\\N';
      const ticket =
        `${id}\t${day}-${pad(n, 6)}\t${from}\t${category.id}\t${copyText(description)}\t${signature}\t${lon.toFixed(7)}\t${lat.toFixed(7)}\t${g.id}\t${g.regionCode}\t` +
        `${level}\t${status}\t${publicStatusOf(status)}\t${emergency ? 't' : 'f'}\t${copyText(reporterName)}\t${phone?.cipher ?? '\\N'}\t${phone?.hash ?? '\\N'}\t` +
        `${phone?.masked ?? '\\N'}\t${customFields}\t${iso(dispatchDueAt)}\t${isoOrNull(handleDueAt)}\t${overdue ? 't' : 'f'}\t${supervised ? 't' : 'f'}\t` +
        `${ratingValue ?? '\\N'}\t${isoOrNull(reopenUntil)}\t${merged ? target! : '\\N'}\t${state.version}\t${iso(created)}\t${iso(state.updated)}\t${isoOrNull(closedAt)}\n`;

      let assignment: string | null = null;
      // Disputes in a community go to the township's office; everything else to the county bureau.
      const office = category.group === 'dispute' ? plan.departmentIds?.get(`${g.regionCode.slice(0, 9)}000:综治办`) : undefined;
      const departmentId = dispatched ? (office ?? plan.departmentIds?.get(`${g.regionCode.slice(0, 6)}000000:${category.department}`) ?? null) : null;
      if (dispatched && plan.departmentIds) {
        if (departmentId) {
          const reported = status === 'reported_back' || status === 'closed';
          const part = reported ? 'reported' : status === 'handling' ? 'handling' : 'pending';
          const changed = reported ? life.reportedAt! : part === 'handling' ? life.signedAt! : life.dispatchedAt!;
          const note = reported ? names.pick(random, REPORT_NOTES) : '\\N';
          assignment = `${id}\t${departmentId}\tt\t${part}\t${iso(life.handleDueAt!)}\t${note}\t${iso(life.dispatchedAt!)}\t${iso(changed)}\n`;
        }
      }
      const number = `${day}-${pad(n, 6)}`;
      const events = plan.events ? timeline(id, life, cut, { startsInGrid, reporterName, departmentId, rating: ratingValue, target: merged ? target! : null }) : [];
      if (!life.ended) lastInGrid[gi] = id;
      yield { ticket, assignment, status, events, id, number, departmentId, updatedAt: state.updated };
    }
  }
}

/** The tickets alone as COPY text (TICKET_COPY_COLUMNS), `rows` lines a piece: for the benchmarks. */
export function* ticketCopyText(plan: TicketPlan, rows = 5000): Generator<string> {
  let piece: string[] = [];
  for (const t of generateTickets(plan)) {
    piece.push(t.ticket);
    if (piece.length === rows) {
      yield piece.join('');
      piece = [];
    }
  }
  if (piece.length) yield piece.join('');
}
