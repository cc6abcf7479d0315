/**
 * In the real browser: joint handling, where the lead department's 反馈 button is disabled and
 * says which assisting department it waits for, and an error the server answers in an action's
 * dialog is shown in that dialog; the community's operator sends a reported-back ticket back for
 * rework (退回重办); an anonymous reporter on a phone looks the report up by its receipt number
 * and phone (a wrong phone is refused without saying more), reads only the public texts, and
 * rates it. Steps others take go through the API.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Department, Grid, PublicTicket, Ticket, TicketAction } from '@gridgov/contracts';
import { DEMO_PASSWORD } from '../server/src/modules/demo/seed-demo.js';
import { launchBrowser, loginAs, screenshot, startServer, type E2eServer } from './harness.js';

const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function api(base: string, username?: string): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL: base });
  if (username) {
    const res = await ctx.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
    assert.equal(res.status(), 200, `${username} signs in: ${await res.text()}`);
  }
  return ctx;
}

async function ticketOf(ctx: APIRequestContext, id: string): Promise<Ticket> {
  const res = await ctx.get(`/api/tickets/${id}`);
  assert.equal(res.status(), 200, await res.text());
  return (await res.json()) as Ticket;
}

async function act(ctx: APIRequestContext, id: string, action: TicketAction, extra: Record<string, unknown> = {}): Promise<Ticket> {
  const before = await ticketOf(ctx, id);
  const res = await ctx.post(`/api/tickets/${id}/${action}`, { data: { version: before.version, ...extra } });
  assert.equal(res.status(), 200, `${action}: ${await res.text()}`);
  return (await res.json()) as Ticket;
}

describe('browser: first-hour ticket flows', () => {
  let server: E2eServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const apis: APIRequestContext[] = [];
  let point = { lon: 0, lat: 0 };
  let jointId = '';

  async function desk(username: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: DESK });
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
  async function openTicket(page: Page, id: string, path = '/tickets/all'): Promise<void> {
    await page.goto(`${server.url}/#${path}?id=${id}`);
    await page.getByTestId('ticket-detail-body').waitFor({ timeout: 15_000 });
  }
  const note = (page: Page) => page.locator('textarea[data-testid="action-note"], [data-testid="action-note"] textarea').first();

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const gw1 = await staff('gw1');
    const grids = (await (await gw1.get('/api/grids?pageSize=1')).json()) as { items: Grid[] };
    const ring = grids.items[0]!.boundary.coordinates[0]!;
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    const round = (n: number) => Math.round(n * 1e6) / 1e6;
    point = { lon: round((Math.min(...xs) + Math.max(...xs)) / 2), lat: round((Math.min(...ys) + Math.max(...ys)) / 2) };
  });
  after(async () => {
    for (const c of contexts) await c.close();
    for (const a of apis) await a.dispose();
    await browser?.close();
    await server?.stop();
  });

  it("joint handling: the lead's 反馈 waits for the assisting department and says so; a server error stays in the dialog", async () => {
    const resident = await staff('resident1');
    const gw1 = await staff('gw1');
    const op = await staff('community_op');
    const handler = await staff('handler');
    const handler2 = await staff('handler2');
    const filed = await resident.post('/api/tickets', { data: { description: '井盖被盗，路面出现大坑，需要部门联合处置', lon: point.lon, lat: point.lat } });
    assert.equal(filed.status(), 201, await filed.text());
    jointId = ((await filed.json()) as { ticket: Ticket }).ticket.id;
    await act(gw1, jointId, 'escalate', { note: '需要部门处置' });
    await act(op, jointId, 'accept');
    const departments = ((await (await op.get('/api/departments')).json()) as { items: Department[] }).items;
    const named = (suffix: string) => departments.find((d) => d.name.endsWith(suffix))!.id;
    await act(op, jointId, 'dispatch', { departmentIds: [named('城管局'), named('生态环境局')] });
    await act(handler, jointId, 'sign');
    await act(handler2, jointId, 'sign');

    const page = await desk('handler');
    await openTicket(page, jointId, '/tickets/queue');
    const reportBack = page.getByTestId('ticket-action-report_back');
    await reportBack.waitFor();
    assert.ok(await reportBack.isDisabled(), 'the lead cannot report back yet');
    const reason = await page.getByTestId('ticket-unavailable-report_back').innerText();
    assert.match(reason, /等待协办部门反馈：.*生态环境局/);
    await screenshot(page, 'first-hour-joint-waiting');

    // The handler writes a comment while the ticket changes under it: the server's answer is said in the dialog.
    await page.getByTestId('ticket-action-comment').click();
    await page.getByTestId('action-form-comment').waitFor();
    await note(page).fill('已到现场勘查');
    await act(handler2, jointId, 'report_back', { note: '周边环境已清理' });
    await page.getByTestId('action-submit').click();
    const error = page.getByTestId('action-error');
    await error.waitFor({ timeout: 15_000 });
    assert.match(await error.innerText(), /已被他人处理/);
    assert.equal(await page.getByTestId('action-form-comment').count(), 1, 'the dialog stays open with the error');
    await screenshot(page, 'first-hour-dialog-error');
    // Sent again on the ticket as it is now, it goes through.
    await page.getByTestId('action-submit').click();
    await page.getByTestId('action-form-comment').waitFor({ state: 'detached', timeout: 15_000 });

    // The assisting department has reported back: the button is open now, and the report-back goes through.
    await page.locator('[data-testid="ticket-action-report_back"]:not([disabled])').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId('ticket-unavailable-report_back').count(), 0);
    await page.getByTestId('ticket-action-report_back').click();
    await page.getByTestId('action-form-report_back').waitFor();
    await note(page).fill('井盖已更换，路面已修补');
    await page.locator('textarea[data-testid="action-public-note"], [data-testid="action-public-note"] textarea').first().fill('井盖已更换，感谢您的反映');
    await page.getByTestId('action-submit').click();
    await page.locator('[data-testid="ticket-detail-body"][data-status="reported_back"]').waitFor({ timeout: 15_000 });
  });

  it('the operator sends the reported-back ticket back for rework', async () => {
    const page = await desk('community_op');
    await openTicket(page, jointId);
    await page.getByTestId('ticket-action-rework').click();
    await page.getByTestId('action-form-rework').waitFor();
    await note(page).fill('路面修补不平整，请重新处置');
    await screenshot(page, 'first-hour-rework-dialog');
    await page.getByTestId('action-submit').click();
    await page.locator('[data-testid="ticket-detail-body"][data-status="handling"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('action-form-rework').waitFor({ state: 'detached' });
    const handler = await staff('handler');
    const t = await ticketOf(handler, jointId);
    assert.equal(t.status, 'handling');
    assert.ok(t.actions.includes('report_back'), 'the lead handles it again');
    const told = await (await handler.get('/api/notifications')).text();
    assert.match(told, /退回重办/);
    await screenshot(page, 'first-hour-reworked');
  });

  it('an anonymous reporter tracks the report by receipt number and phone on a phone, and rates it', async () => {
    const phone = '13912340000';
    const anonymous = await api(server.url);
    apis.push(anonymous);
    const res = await anonymous.post('/api/public/tickets', { data: { description: '花源路口的路灯坏了好几天，晚上很黑', lon: point.lon, lat: point.lat, locatedBy: 'map', reporterPhone: phone } });
    assert.equal(res.status(), 201, await res.text());
    const number = ((await res.json()) as PublicTicket).number;
    const gw1 = await staff('gw1');
    const found = ((await (await gw1.get(`/api/tickets?q=${encodeURIComponent(number)}`)).json()) as { items: Ticket[] }).items[0]!;
    await act(gw1, found.id, 'accept', { note: '内部：联系供电所张工' });
    await act(gw1, found.id, 'report_back', { note: '内部：更换了整流器', publicNote: '路灯已修复，感谢您的反映' });
    await act(await staff('community_op'), found.id, 'close');

    const context = await browser.newContext({ locale: 'zh-CN', viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/#/portal/track`);
    await page.getByTestId('portal-receipt-lookup').waitFor({ timeout: 15_000 });
    const field = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
    await field('portal-receipt-number').fill(number);
    await field('portal-receipt-phone').fill('13900000000');
    await page.getByTestId('portal-receipt-go').tap();
    const refused = page.getByTestId('portal-receipt-error');
    await refused.waitFor({ timeout: 15_000 });
    assert.match(await refused.innerText(), /未找到这条反映/);
    await screenshot(page, 'first-hour-track-wrong-phone');

    await field('portal-receipt-phone').fill(phone);
    await page.getByTestId('portal-receipt-go').tap();
    await page.getByTestId('portal-track').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId('portal-track-number').innerText(), number);
    assert.equal(await page.getByTestId('portal-track-status').innerText(), '已办结');
    const timeline = await page.getByTestId('portal-track-timeline').innerText();
    assert.match(timeline, /路灯已修复，感谢您的反映/);
    assert.doesNotMatch(timeline, /内部/, 'internal notes never reach the reporter');
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
    assert.ok(widths.page <= widths.screen, 'nothing wider than the phone');
    await screenshot(page, 'first-hour-track-found');

    await page.getByTestId('portal-rate').waitFor();
    await page.locator('[data-testid="portal-rate-stars"] .ant-rate-star').nth(3).locator('[role="radio"]').tap();
    await page.locator('textarea[data-testid="portal-rate-note"]').fill('修得很快，谢谢');
    await page.locator('[data-testid="portal-rate-submit"]:not([disabled])').waitFor();
    await page.getByTestId('portal-rate-submit').tap();
    await page.getByTestId('portal-track-rating').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId('portal-rate').count(), 0, 'rated once');
    assert.match(await page.getByTestId('portal-track-timeline').innerText(), /修得很快，谢谢/);
    await screenshot(page, 'first-hour-track-rated');
    const after = await ticketOf(gw1, found.id);
    assert.equal(after.rating, 4);
  });
});
