/**
 * Exports of ticket lists on a real database: the list's scope (a grid worker's file holds only
 * his grid's tickets), its filters and sort, headers in the caller's language, no reporter
 * personal data, the audit entry, the cap, and refusal without the permission.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { and, desc, eq } from 'drizzle-orm';
import type { Ticket } from '@gridgov/contracts';
import { gridCentroid, startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { auditLog } from '../../platform/audit/tables.js';
import { actorFromUser } from '../../platform/auth/sessions.js';
import { appUser } from '../../platform/accounts/tables.js';
import { AppError } from '../../platform/errors.js';
import { exportTicketList } from './export-ticket-list.js';

type Cell = string | number | null;

describe('ticket list exports', () => {
  let env: TestEnv;
  let gw1: Client;
  let communityOp: Client;
  let handler: Client;
  const numbers: Record<string, string> = {};
  const REPORTER = { name: '欧阳娜娜', phone: '13912345678' };

  async function exportFile(client: Client, query: Record<string, string>, language = 'zh-CN') {
    const url = `/api/exports/tickets?${new URLSearchParams(query).toString()}`;
    return env.rt.app.inject({ method: 'GET', url, headers: { cookie: client.sessionCookie ?? '', 'accept-language': language } });
  }

  async function rowsOf(body: Buffer): Promise<{ name: string; rows: Cell[][] }> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: Cell[][] = [];
    sheet.eachRow((row) => {
      const values: Cell[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) {
        const v = row.getCell(c).value;
        values.push(v === null || v === undefined ? null : typeof v === 'number' ? v : String(v));
      }
      rows.push(values);
    });
    return { name: sheet.name, rows };
  }

  before(async () => {
    env = await startTestEnv();
    const grids = env.seed.city.grids;
    const own = gridCentroid(grids[0]!);
    const sibling = gridCentroid(grids.find((g) => g.regionCode === grids[0]!.regionCode && g.code !== grids[0]!.code)!);
    gw1 = await env.login('gw1');
    communityOp = await env.login('community_op');
    handler = await env.login('handler');
    const category = env.seed.tickets.categoryIds.get('city.road')!;
    const file = async (key: string, at: [number, number], description: string) => {
      const res = await communityOp.post<{ ticket: Ticket }>('/api/tickets', { description, lon: at[0], lat: at[1], categoryId: category, reporterName: REPORTER.name, reporterPhone: REPORTER.phone });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      numbers[key] = res.body.ticket.number;
    };
    await file('own1', own, '导出测试：本网格路面破损一');
    await file('own2', own, '导出测试：本网格路面破损二');
    await file('sibling', sibling, '导出测试：相邻网格路面破损');
  });
  after(() => env.close());

  it("a grid worker's export holds only his grid's tickets, with Chinese headers and names, no personal data", async () => {
    const res = await exportFile(gw1, { view: 'all', q: '导出测试' });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''%E5%B7%A5%E5%8D%95/);
    const { name, rows } = await rowsOf(res.rawPayload);
    assert.equal(name, '工单列表');
    assert.deepEqual(rows[0], ['工单编号', '事件类型', '问题描述', '状态', '处置层级', '所属区域', '网格', '承办部门', '上报时间', '办理时限', '办结时间']);
    const exported = rows.slice(1).map((r) => r[0]);
    assert.deepEqual(new Set(exported), new Set([numbers.own1, numbers.own2]), 'his grid only');
    const row = rows[1]!;
    assert.equal(row[3], '待受理');
    assert.ok(typeof row[5] === 'string' && !/^\d+$/.test(row[5]), 'region by name, not code');
    assert.equal(row[6], env.seed.city.grids[0]!.name);
    assert.match(String(row[8]), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const text = JSON.stringify(rows);
    for (const secret of [REPORTER.name, REPORTER.phone, '1391234', '5678']) assert.ok(!text.includes(secret), `no reporter data (${secret})`);

    // The community operator sees all three.
    const wide = await rowsOf((await exportFile(communityOp, { view: 'all', q: '导出测试' })).rawPayload);
    assert.equal(wide.rows.length, 4);
  });

  it('honours the filters and the sort; English headers in English', async () => {
    const asc = await rowsOf((await exportFile(communityOp, { view: 'all', q: '导出测试', sort: 'number', order: 'asc' })).rawPayload);
    const desc_ = await rowsOf((await exportFile(communityOp, { view: 'all', q: '导出测试', sort: 'number', order: 'desc' })).rawPayload);
    const ascending = asc.rows.slice(1).map((r) => String(r[0]));
    assert.deepEqual(ascending, [...ascending].sort());
    assert.deepEqual(desc_.rows.slice(1).map((r) => String(r[0])), [...ascending].reverse());

    const closed = await rowsOf((await exportFile(communityOp, { view: 'all', q: '导出测试', status: 'closed' })).rawPayload);
    assert.equal(closed.rows.length, 1, 'only the header: none is closed');

    const en = await rowsOf((await exportFile(communityOp, { view: 'all', q: '导出测试', status: 'reported' }, 'en')).rawPayload);
    assert.equal(en.name, 'Tickets');
    assert.deepEqual(en.rows[0], ['Number', 'Category', 'Description', 'Status', 'Level', 'Region', 'Grid', 'Department', 'Reported at', 'Due at', 'Closed at']);
    assert.equal(en.rows.length, 4);
    assert.ok(en.rows.slice(1).every((r) => r[3] === 'Reported'));
  });

  it('is audited with the row count and the filters', async () => {
    await exportFile(gw1, { view: 'all', q: '导出测试', status: 'reported' });
    const [entry] = await env.rt.database.db
      .select({ action: auditLog.action, actorName: auditLog.actorName, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'export.tickets')))
      .orderBy(desc(auditLog.id))
      .limit(1);
    assert.ok(entry);
    const details = entry.details as { rowCount: number; list: string; filters: Record<string, unknown> };
    assert.equal(details.rowCount, 2);
    assert.equal(details.list, 'all');
    assert.equal(details.filters.status, 'reported');
    assert.equal(details.filters.q, '导出测试');
  });

  it('is refused without the permission, and above the cap', async () => {
    const refused = await exportFile(handler, { view: 'all' });
    assert.equal(refused.statusCode, 403);
    const [user] = await env.rt.database.db.select().from(appUser).where(eq(appUser.username, 'community_op'));
    const actor = actorFromUser(user!, null);
    const ctx = { actor, ip: null, requestId: 'test', locale: 'en' as const, clock: env.clock };
    await assert.rejects(
      exportTicketList(env.rt.database.db, ctx, { view: 'all', q: '导出测试' }, 2),
      (error: unknown) => error instanceof AppError && error.code === 'EXPORT_TOO_LARGE',
    );
    const tooLarge = await exportFile(communityOp, { view: 'all', pageSize: '5' });
    assert.equal(tooLarge.statusCode, 400, 'paging is no export parameter');
  });
});
