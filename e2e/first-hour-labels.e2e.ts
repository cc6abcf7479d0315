/**
 * In the real browser, no raw codes where users read: a department handler (who reads no regions
 * or grids) opens a ticket dispatched to their department and the drawer names its region and grid
 * and shows its number, with no UUID or 12-digit division code anywhere in it; the handler's home
 * page names their scope without its code and its cards offer only pages the role opens; the big
 * screen at 1920×1080 shows every tile, panel and chart label whole.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Department, Grid, Ticket, TicketAction } from '@gridgov/contracts';
import { DEMO_PASSWORD } from '../server/src/modules/demo/seed-demo.js';
import { launchBrowser, loginAs, screenshot, startServer, type E2eServer } from './harness.js';

const DESK = { width: 1440, height: 900 };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const DIVISION_CODE = /(?<!\d)\d{12}(?!\d)/;

async function api(base: string, username: string): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL: base });
  const res = await ctx.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  assert.equal(res.status(), 200, `${username} signs in: ${await res.text()}`);
  return ctx;
}

async function act(ctx: APIRequestContext, id: string, action: TicketAction, extra: Record<string, unknown> = {}): Promise<Ticket> {
  const current = (await (await ctx.get(`/api/tickets/${id}`)).json()) as Ticket;
  const res = await ctx.post(`/api/tickets/${id}/${action}`, { data: { version: current.version, ...extra } });
  assert.equal(res.status(), 200, `${action}: ${await res.text()}`);
  return (await res.json()) as Ticket;
}

describe('browser: names and labels, never raw codes', () => {
  let server: E2eServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const apis: APIRequestContext[] = [];
  let ticket: Ticket;

  async function signIn(username: string, viewport = DESK): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport });
    contexts.push(context);
    const page = await context.newPage();
    await loginAs(page, server.url, username);
    return page;
  }
  async function staff(username: string): Promise<APIRequestContext> {
    const ctx = await api(server.url, username);
    apis.push(ctx);
    return ctx;
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const [resident, gw1, op] = await Promise.all([staff('resident1'), staff('gw1'), staff('community_op')]);
    const grids = (await (await gw1.get('/api/grids?pageSize=1')).json()) as { items: Grid[] };
    const ring = grids.items[0]!.boundary.coordinates[0]!;
    const mid = (values: number[]) => Math.round(((Math.min(...values) + Math.max(...values)) / 2) * 1e6) / 1e6;
    const filed = await resident.post('/api/tickets', {
      data: { description: '小区东门的路灯连续三晚不亮，需要维修', lon: mid(ring.map((p) => p[0]!)), lat: mid(ring.map((p) => p[1]!)) },
    });
    assert.equal(filed.status(), 201, await filed.text());
    const id = ((await filed.json()) as { ticket: Ticket }).ticket.id;
    await act(gw1, id, 'escalate', { note: '需要部门处置' });
    await act(op, id, 'accept');
    const departments = ((await (await op.get('/api/departments')).json()) as { items: Department[] }).items;
    ticket = await act(op, id, 'dispatch', { departmentIds: [departments.find((d) => d.name.endsWith('城管局'))!.id] });
  });
  after(async () => {
    for (const c of contexts) await c.close();
    for (const a of apis) await a.dispose();
    await browser?.close();
    await server?.stop();
  });

  it("a handler's ticket drawer names the region and grid and shows the number, with no UUID or division code", async () => {
    const handler = await staff('handler');
    // The handler reads no regions: the names come with the ticket.
    assert.equal((await handler.get('/api/regions')).status(), 403);
    const read = (await (await handler.get(`/api/tickets/${ticket.id}`)).json()) as Ticket;
    assert.ok(read.regionName.length > 0, 'the ticket carries its region name');
    assert.ok(read.gridName, 'the ticket carries its grid name');

    const page = await signIn('handler');
    await page.goto(`${server.url}/#/tickets/queue?id=${ticket.id}`);
    const body = page.getByTestId('ticket-detail-body');
    await body.waitFor({ timeout: 15_000 });
    await page.getByTestId('ticket-timeline').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId('ticket-detail-number').innerText(), ticket.number);
    assert.equal(await page.getByTestId('ticket-detail-region').innerText(), read.regionName);
    const text = await body.innerText();
    assert.ok(text.includes(read.gridName!), 'the grid is named');
    assert.doesNotMatch(text, UUID);
    assert.doesNotMatch(text, DIVISION_CODE);
    // The timeline says the steps in words, not as action or status codes.
    assert.doesNotMatch(await page.getByTestId('ticket-timeline').innerText(), /\b(dispatch|escalate|accept|reported|dispatching|handling)\b/);
    await screenshot(page, 'first-hour-labels-handler-drawer');
  });

  it("the handler's home page names the scope without its code, and its cards offer only what the role opens", async () => {
    const page = await signIn('handler');
    await page.goto(`${server.url}/#/`);
    const scope = page.getByTestId('home-scope');
    await scope.waitFor({ timeout: 15_000 });
    const me = (await (await page.request.get(`${server.url}/api/auth/me`)).json()) as { scope: { regionName: string; regionCode: string } };
    const shown = await scope.innerText();
    assert.ok(shown.includes(me.scope.regionName), `${shown} names ${me.scope.regionName}`);
    assert.doesNotMatch(shown, DIVISION_CODE);
    const home = await page.getByTestId('home-page').innerText();
    assert.doesNotMatch(home, DIVISION_CODE);
    assert.doesNotMatch(home, UUID);
    const card = await page.getByTestId('home-card-tickets').innerText();
    assert.doesNotMatch(card, /调度台|每日通报/);
    assert.match(card, /我的待办/);
    await screenshot(page, 'first-hour-labels-handler-home');
  });

  it('the big screen at 1920×1080 shows every tile, panel and chart label whole', async () => {
    const page = await signIn('city_op', { width: 1920, height: 1080 });
    await page.goto(`${server.url}/#/dashboard?screen=big`);
    await page.locator('[data-testid="dashboard-page"][data-screen="big"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="kpi-residents"]:not([data-value=""])').waitFor({ timeout: 15_000 });
    await page.getByTestId('chart-ranking').locator('canvas').first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1500);
    const labels = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.gg-bs .gg-kpi-label, .gg-bs .gg-kpi-value, .gg-bs .gg-kpi-hint, .gg-bs-title, .gg-bs-panel-head h2, .gg-bs .gg-map-legend *, .gg-bs .gg-map-toggles .ant-tag, .gg-bs .gg-children th')).map((el) => ({
        text: el.textContent ?? '',
        scroll: el.scrollWidth,
        client: el.clientWidth,
      })),
    );
    assert.ok(labels.length >= 9 * 2, `${labels.length} labels`);
    const cut = labels.filter((l) => l.scroll > l.client + 1);
    assert.deepEqual(cut, [], 'no label is cut off');
    const text = await page.getByTestId('dashboard-page').innerText();
    assert.doesNotMatch(text, UUID);
    assert.doesNotMatch(text, DIVISION_CODE);
    await screenshot(page, 'first-hour-labels-big-screen');
  });
});
