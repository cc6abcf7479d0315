/**
 * What an export of a ticket list holds: the list view's tickets (the same visibility, view,
 * filters and order as `listTickets`), read a page at a time, with the columns the list shows
 * in the caller's language. Names, never codes; times in the deployment's time zone; no
 * reporter personal data.
 */
import { and, count, eq, inArray } from 'drizzle-orm';
import { enumText, type Locale } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { localDateTime } from '../../platform/time-zone.js';
import { neutralise, type Cell } from '../../platform/csv.js';
import { departmentNames } from '../departments/queries.js';
import { gridNames } from '../grids/queries.js';
import { regionNames } from '../regions/queries.js';
import { ticketListOrder, ticketListWhere, type TicketListQuery } from './queries.js';
import { ticketAssignment, ticketCategory, ticket } from './tables.js';

export type TicketExportQuery = Omit<TicketListQuery, 'page' | 'pageSize'>;

type Row = typeof ticket.$inferSelect;
interface Names {
  category: Map<string, string>;
  region: Map<string, string>;
  grid: Map<string, string>;
  department: Map<string, string>;
}

interface Column {
  zh: string;
  en: string;
  width: number;
  value(row: Row, names: Names, language: 'zh' | 'en'): Cell;
}

const PAGE = 500;
const time = (at: Date | null): Cell => (at ? localDateTime(at) : null);
/** The due time the list shows: dispatch before dispatching, handling after. */
function dueOf(row: Row): Date | null {
  if (row.status === 'reported' || row.status === 'accepted') return row.dispatchDueAt;
  if (row.status === 'dispatched' || row.status === 'handling') return row.handleDueAt;
  return null;
}

const COLUMNS: Column[] = [
  { zh: '工单编号', en: 'Number', width: 18, value: (r) => r.number },
  { zh: '事件类型', en: 'Category', width: 16, value: (r, n) => n.category.get(r.categoryId) ?? null },
  { zh: '问题描述', en: 'Description', width: 40, value: (r) => r.description },
  { zh: '状态', en: 'Status', width: 10, value: (r, _n, l) => enumText('ticketStatus', r.status, l) },
  { zh: '处置层级', en: 'Level', width: 10, value: (r, _n, l) => enumText('handlingLevel', r.level, l) },
  { zh: '所属区域', en: 'Region', width: 18, value: (r, n) => n.region.get(r.regionCode) ?? null },
  { zh: '网格', en: 'Grid', width: 18, value: (r, n) => (r.gridId ? (n.grid.get(r.gridId) ?? null) : null) },
  { zh: '承办部门', en: 'Department', width: 18, value: (r, n) => n.department.get(r.id) ?? null },
  { zh: '上报时间', en: 'Reported at', width: 20, value: (r) => time(r.createdAt) },
  { zh: '办理时限', en: 'Due at', width: 20, value: (r) => time(dueOf(r)) },
  { zh: '办结时间', en: 'Closed at', width: 20, value: (r) => time(r.closedAt) },
];

/** The sheet's title and column headers in a language. */
export function ticketExportLayout(locale: Locale): { title: string; columns: { header: string; width: number }[] } {
  const en = locale === 'en';
  return { title: en ? 'Tickets' : '工单列表', columns: COLUMNS.map((c) => ({ header: en ? c.en : c.zh, width: c.width })) };
}

/** How many tickets the export of a list view holds for the caller. */
export async function countTicketExport(db: Db, actor: Actor, q: TicketExportQuery): Promise<number> {
  const [found] = await db.select({ n: count() }).from(ticket).where(ticketListWhere(actor, q));
  return Number(found?.n ?? 0);
}

async function namesOf(db: Db, rows: Row[], en: boolean): Promise<Names> {
  const ids = rows.map((r) => r.id);
  const [categories, region, grid, leads] = await Promise.all([
    db.select({ id: ticketCategory.id, name: ticketCategory.name, nameEn: ticketCategory.nameEn }).from(ticketCategory).where(inArray(ticketCategory.id, [...new Set(rows.map((r) => r.categoryId))])),
    regionNames(db, rows.map((r) => r.regionCode)),
    gridNames(db, rows.map((r) => r.gridId).filter((g): g is string => Boolean(g))),
    db
      .select({ ticketId: ticketAssignment.ticketId, departmentId: ticketAssignment.departmentId })
      .from(ticketAssignment)
      .where(and(inArray(ticketAssignment.ticketId, ids), eq(ticketAssignment.lead, true), inArray(ticketAssignment.status, ['pending', 'handling', 'reported', 'returned']))),
  ]);
  const departments = await departmentNames(db, leads.map((a) => a.departmentId));
  return {
    category: new Map(categories.map((c) => [c.id, (en && c.nameEn) || c.name])),
    region,
    grid,
    department: new Map(leads.map((a) => [a.ticketId, departments.get(a.departmentId) ?? ''])),
  };
}

/** The export's rows, a page at a time (never the whole list in memory), every text cell neutralised. */
export async function* ticketExportPages(db: Db, actor: Actor, q: TicketExportQuery, locale: Locale, limit: number): AsyncGenerator<Cell[][]> {
  const language = locale === 'en' ? 'en' : 'zh';
  const where = ticketListWhere(actor, q);
  const order = ticketListOrder(q);
  for (let offset = 0; offset < limit; offset += PAGE) {
    const rows = await db.select().from(ticket).where(where).orderBy(...order).limit(Math.min(PAGE, limit - offset)).offset(offset);
    if (rows.length === 0) return;
    const names = await namesOf(db, rows, language === 'en');
    yield rows.map((r) => COLUMNS.map((c) => neutralise(c.value(r, names, language))));
    if (rows.length < PAGE) return;
  }
}
