/**
 * The tickets' dashboard facts: open, overdue and emergency cases now, pending summonses, cases
 * reported, closed, closed on time and rated per day (and per month for the grid ranking), cases
 * per category and departments' assignments per month; the tiles that show them; and the open
 * cases as map points.
 *
 * Kept by the triggers `metrics_ticket`, `metrics_ticket_assignment` and
 * `metrics_summons_department` (migration 0013): each appends the change of a row's facts to
 * metric_delta in the writer's transaction. Recounted by the SQL below, written from the tables
 * independently of the triggers, so the recount check compares two derivations.
 */
import { sql } from 'drizzle-orm';
import { OPEN_TICKET_STATUSES, type DashboardPoints } from '@gridgov/contracts';
import { rows, type Db } from '../../platform/db/client.js';
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';
import { ticketCategory } from './tables.js';

const OPEN = `status in (${OPEN_TICKET_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const TICKET = { trigger: 'metrics_ticket', table: 'ticket' };
const ASSIGNMENT = { trigger: 'metrics_ticket_assignment', table: 'ticket_assignment' };
const CASES = { zh: '件', en: 'cases' };

/** One row per counted thing: region_code, grid_id, day, dim, value. */
const now = (where: string) => `select region_code, grid_id, null::date, '', 1 from ticket where ${where}`;
const closedDay = 'metric_day(coalesce(closed_at, updated_at))';
const closed = (where: string, value = '1') => `select region_code, grid_id, ${closedDay}, '', ${value} from ticket where status = 'closed' ${where}`;
const assignments = (day: string, where: string) =>
  `select t.region_code, t.grid_id, ${day}, a.department_id::text, 1 from ticket_assignment a join ticket t on t.id = a.ticket_id where ${where}`;

const REPORTED = `select region_code, grid_id, metric_day(created_at), category_id::text, 1 from ticket`;
const CLOSED = closed('');
const CLOSED_ON_TIME = closed('and not overdue');

export const TICKET_METRICS: MetricDefinition[] = [
  { name: 'tickets.open', label: { zh: '在办事件', en: 'Open cases' }, unit: CASES, permission: 'ticket:read', period: 'now', kept: { fact: 'tickets.open', ...TICKET }, recount: now(OPEN) },
  { name: 'tickets.overdue', label: { zh: '超期事件', en: 'Overdue cases' }, unit: CASES, permission: 'ticket:read', period: 'now', kept: { fact: 'tickets.overdue', ...TICKET }, recount: now(`${OPEN} and overdue`) },
  { name: 'tickets.emergency_open', label: { zh: '在办紧急事件', en: 'Open emergencies' }, unit: CASES, permission: 'ticket:read', period: 'now', kept: { fact: 'tickets.emergency_open', ...TICKET }, recount: now(`${OPEN} and emergency`) },
  {
    name: 'tickets.pending_summonses', label: { zh: '吹哨待报到', en: 'Summonses pending' }, unit: { zh: '个', en: 'departments' }, permission: 'ticket:read', period: 'now',
    kept: { fact: 'tickets.pending_summonses', trigger: 'metrics_summons_department', table: 'summons_department' },
    recount: `select s.region_code, null::uuid, null::date, '', 1 from summons_department d join summons s on s.id = d.summons_id where d.checked_in_at is null`,
  },
  { name: 'tickets.reported', label: { zh: '上报事件', en: 'Cases reported' }, unit: CASES, permission: 'ticket:read', period: 'day', kept: { fact: 'tickets.reported', ...TICKET }, recount: REPORTED },
  { name: 'tickets.closed', label: { zh: '办结事件', en: 'Cases closed' }, unit: CASES, permission: 'ticket:read', period: 'day', kept: { fact: 'tickets.closed', ...TICKET }, recount: CLOSED },
  { name: 'tickets.closed_on_time', label: { zh: '按时办结', en: 'Closed on time' }, unit: CASES, permission: 'ticket:read', period: 'day', kept: { fact: 'tickets.closed_on_time', ...TICKET }, recount: CLOSED_ON_TIME },
  { name: 'tickets.rated', label: { zh: '已评价', en: 'Rated' }, unit: CASES, permission: 'ticket:read', period: 'day', kept: { fact: 'tickets.rated', ...TICKET }, recount: closed('and rating is not null') },
  { name: 'tickets.rating_sum', label: { zh: '评分合计', en: 'Sum of ratings' }, unit: null, permission: 'ticket:read', period: 'day', kept: { fact: 'tickets.rating_sum', ...TICKET }, recount: closed('and rating is not null', 'rating') },
  { name: 'tickets.closed_month', label: { zh: '本月办结', en: 'Closed in the month' }, unit: CASES, permission: 'ticket:read', period: 'month', kept: { fact: 'tickets.closed', ...TICKET }, recount: CLOSED },
  { name: 'tickets.closed_on_time_month', label: { zh: '本月按时办结', en: 'Closed on time in the month' }, unit: CASES, permission: 'ticket:read', period: 'month', kept: { fact: 'tickets.closed_on_time', ...TICKET }, recount: CLOSED_ON_TIME },
  {
    name: 'tickets.reported_by_category', label: { zh: '各类型上报', en: 'Reported by category' }, unit: CASES, permission: 'ticket:read', period: 'month', by: 'category',
    kept: { fact: 'tickets.reported', ...TICKET }, recount: REPORTED,
  },
  {
    name: 'tickets.assigned', label: { zh: '部门交办', en: 'Assigned to departments' }, unit: CASES, permission: 'ticket:read', period: 'month', by: 'department',
    kept: { fact: 'tickets.assigned', ...ASSIGNMENT }, recount: assignments('metric_day(a.assigned_at)', "a.status <> 'withdrawn'"),
  },
  {
    name: 'tickets.assignments_done', label: { zh: '部门已反馈', en: 'Reported back by departments' }, unit: CASES, permission: 'ticket:read', period: 'month', by: 'department',
    kept: { fact: 'tickets.assignments_done', ...ASSIGNMENT }, recount: assignments('metric_day(a.updated_at)', "a.status = 'reported'"),
  },
  {
    name: 'tickets.assignments_on_time', label: { zh: '部门按时反馈', en: 'Reported back on time' }, unit: CASES, permission: 'ticket:read', period: 'month', by: 'department',
    kept: { fact: 'tickets.assignments_on_time', ...ASSIGNMENT }, recount: assignments('metric_day(a.updated_at)', "a.status = 'reported' and a.updated_at <= a.due_at"),
  },
];

const LAST_30 = { zh: '近30天', en: 'last 30 days' };

export const TICKET_TILES: TileDefinition[] = [
  { id: 'ticketsToday', label: { zh: '今日上报', en: 'Reported today' }, kind: 'count', metric: 'tickets.reported', window: 'today', tone: 'accent', order: 40 },
  { id: 'openTickets', label: { zh: '在办事件', en: 'Open cases' }, kind: 'count', metric: 'tickets.open', window: 'now', tone: 'accent', order: 50 },
  { id: 'overdueTickets', label: { zh: '超期事件', en: 'Overdue cases' }, kind: 'count', metric: 'tickets.overdue', window: 'now', tone: 'alert', order: 60 },
  { id: 'onTimeRate', label: { zh: '按时办结率', en: 'Closed on time' }, hint: LAST_30, kind: 'rate', metric: 'tickets.closed_on_time', per: 'tickets.closed', window: { days: 30 }, tone: 'good', order: 70 },
  { id: 'satisfaction', label: { zh: '群众满意度', en: 'Satisfaction' }, hint: LAST_30, kind: 'score', metric: 'tickets.rating_sum', per: 'tickets.rated', window: { days: 30 }, tone: 'good', order: 80 },
  { id: 'pendingSummonses', label: { zh: '吹哨待报到', en: 'Summonses due' }, kind: 'count', metric: 'tickets.pending_summonses', window: 'now', tone: 'alert', order: 90 },
];

type Point = DashboardPoints['points'][number];

/** The newest open (or overdue) tickets with a location under a division prefix (and in one grid): the dashboard's map layers. */
export async function openTicketPoints(db: Db, place: { prefix: string; gridId: string | null }, overdueOnly: boolean, limit: number): Promise<Point[]> {
  return rows<Point>(
    db,
    sql`select id, lon, lat, number as label, emergency from ticket
        where ${sql.raw(OPEN)} and region_code like ${`${place.prefix}%`} and lon is not null
          ${overdueOnly ? sql`and overdue` : sql``} ${place.gridId ? sql`and grid_id = ${place.gridId}` : sql``}
        order by created_at desc limit ${limit}`,
  );
}

/** Every category with its parent (active or not): the dashboard rolls categories up to their top level. */
export async function categoryTree(db: Db): Promise<{ id: string; code: string; name: string; parentId: string | null }[]> {
  return db.select({ id: ticketCategory.id, code: ticketCategory.code, name: ticketCategory.name, parentId: ticketCategory.parentId }).from(ticketCategory);
}

/** What the module contributes to the dashboard (spread into its definition). */
export const ticketsMetrics = { metrics: TICKET_METRICS, tiles: TICKET_TILES };
