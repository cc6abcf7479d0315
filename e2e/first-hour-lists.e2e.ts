/**
 * In the real browser, the lists and the audit view of the first hour: a grid worker sorts the
 * ticket list by number and accepts three tickets in one batch (one of them already taken, so it
 * is refused and says why); the auditor sees names and ticket numbers instead of ids, finds a
 * failed sign-in by the username it tried, and verifies the chain; in English the console says
 * "ticket" and shows the categories' English names.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { input, launchBrowser, loginAs, screenshot, startServer, type E2eServer } from './harness.js';

type GridCollection = { features: { properties: { id: string; name: string }; geometry: { coordinates: number[][][] } }[] };
type Created = { ticket: { id: string; number: string; version: number } };

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('browser: ticket lists and the audit view', () => {
  let server: E2eServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const filed: Created['ticket'][] = [];

  async function signIn(username: string, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    if (locale === 'en') await context.addInitScript(() => window.localStorage.setItem('gridgov.locale', 'en'));
    const page = await context.newPage();
    await loginAs(page, server.url, username);
    return page;
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('a grid worker sorts the list and accepts tickets in one batch, with the result per ticket', async () => {
    const page = await signIn('gw1');
    // Three reports in the worker's grid, filed through the API.
    const grids = (await (await page.request.get(`${server.url}/api/grids/geojson`)).json()) as GridCollection;
    const categories = (await (await page.request.get(`${server.url}/api/ticket-categories`)).json()) as { items: { id: string; code: string }[] };
    const categoryId = categories.items.find((c) => c.code === 'city.manhole')!.id;
    let point: [number, number] | null = null;
    for (const grid of grids.features) {
      const ring = grid.geometry.coordinates[0] ?? [];
      const lon = Math.round(((Math.min(...ring.map((p) => p[0]!)) + Math.max(...ring.map((p) => p[0]!))) / 2) * 1e6) / 1e6;
      const lat = Math.round(((Math.min(...ring.map((p) => p[1]!)) + Math.max(...ring.map((p) => p[1]!))) / 2) * 1e6) / 1e6;
      const found = await page.request.get(`${server.url}/api/grids/lookup?lon=${lon}&lat=${lat}`);
      if (found.status() === 200) {
        point = [lon, lat];
        break;
      }
    }
    assert.ok(point, 'a point in the worker’s grid');
    for (const description of ['东门井盖松动，车辆经过响声很大', '北门井盖缺了一角', '小区广场井盖下沉']) {
      const res = await page.request.post(`${server.url}/api/tickets`, { data: { description, lon: point[0], lat: point[1], categoryId } });
      assert.equal(res.status(), 201, await res.text());
      filed.push(((await res.json()) as Created).ticket);
    }
    // One of them is accepted on its own first: the batch must refuse it, saying why.
    const taken = filed[2]!;
    assert.equal((await page.request.post(`${server.url}/api/tickets/${taken.id}/accept`, { data: { version: taken.version } })).status(), 200);

    await page.goto(`${server.url}/#/tickets/all`);
    const table = page.getByTestId('tickets-all-table');
    await table.locator('tbody tr[data-row-key]').first().waitFor({ timeout: 15_000 });
    const numbers = async () => (await table.locator('tbody tr[data-row-key] td:nth-child(2)').allInnerTexts()).map((s) => s.trim());
    const header = table.locator('th').filter({ hasText: '工单号' });
    await header.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="tickets-all-table"] th[aria-sort="ascending"]') !== null);
    await page.waitForTimeout(500);
    const ascending = await numbers();
    assert.deepEqual(ascending, [...ascending].sort());
    await header.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="tickets-all-table"] th[aria-sort="descending"]') !== null);
    await page.waitForTimeout(500);
    const descending = await numbers();
    assert.deepEqual(descending, [...descending].sort().reverse());

    for (const t of filed) await table.locator(`tr[data-row-key="${t.id}"] .ant-checkbox-input`).check();
    await page.getByTestId('tickets-all-batch').waitFor();
    assert.match(await page.getByTestId('tickets-all-batch').innerText(), /已选 3 件/);
    await page.getByTestId('tickets-all-batch-accept').click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const result = page.getByTestId('tickets-all-batch-result');
    await result.waitFor({ timeout: 15_000 });
    const text = await result.innerText();
    assert.match(text, /已处理 2 \/ 3 件/);
    for (const t of filed.slice(0, 2)) assert.match(text, new RegExp(`${t.number}: 成功`));
    assert.match(text, new RegExp(`${taken.number}: (?!成功)`));
    assert.doesNotMatch(text, UUID);
    await screenshot(page, 'lists-batch-result');
    for (const t of filed.slice(0, 2)) {
      const now = (await (await page.request.get(`${server.url}/api/tickets/${t.id}`)).json()) as { status: string };
      assert.equal(now.status, 'accepted');
    }
  });

  it('the auditor sees names and ticket numbers, a failed sign-in by its username, and verifies the chain', async () => {
    const stranger = await browser.newContext();
    contexts.push(stranger);
    const failed = await stranger.request.post(`${server.url}/api/auth/login`, { data: { username: 'nobody_e2e', password: 'Wrong#12345' } });
    assert.ok(failed.status() >= 400);

    const page = await signIn('auditor');
    await page.goto(`${server.url}/#/audit`);
    await page.getByTestId('audit-page').waitFor();
    await input(page, 'audit-filter-actor').fill('nobody_e2e');
    await page.getByTestId('audit-search').click();
    const table = page.getByTestId('audit-table');
    await table.getByText('尝试登录：nobody_e2e').first().waitFor({ timeout: 15_000 });

    await input(page, 'audit-filter-actor').fill('gw1');
    await page.getByTestId('audit-search').click();
    await table.getByText(`工单 · ${filed[0]!.number}`).first().waitFor({ timeout: 15_000 });
    const rows = await table.locator('tbody').innerText();
    assert.match(rows, /（gw1）/, 'the actor by name and username');
    assert.match(rows, /受理/, 'the action by its label');
    assert.doesNotMatch(rows, UUID, 'no ids in the rows');

    await page.getByTestId('audit-verify').click();
    const verified = page.getByTestId('audit-verify-ok');
    await verified.waitFor({ timeout: 30_000 });
    assert.match(await verified.innerText(), /日志链完整/);
    await screenshot(page, 'lists-audit');
  });

  it('in English the console says ticket and shows the categories’ English names', async () => {
    const page = await signIn('gw1', 'en');
    await page.goto(`${server.url}/#/tickets/all`);
    const table = page.getByTestId('tickets-all-table');
    // The worker's grid may hold more than a page of the demo's tickets: look the ticket up by its number.
    await input(page, 'tickets-all-filter-q').fill(filed[0]!.number);
    await page.getByTestId('tickets-all-search').click();
    // A second session of the same worker on a loaded CI machine: the list may take a while.
    await table.locator(`tr[data-row-key="${filed[0]!.id}"]`).waitFor({ timeout: 45_000 });
    assert.match(await table.locator(`tr[data-row-key="${filed[0]!.id}"]`).innerText(), /Missing or broken manhole cover/);
    const menu = await page.getByTestId('side-menu').innerText();
    assert.match(menu, /Tickets/);
    const body = await page.locator('body').innerText();
    assert.doesNotMatch(body, /\b(cases?|work orders?)\b/i);
    await screenshot(page, 'lists-english');
  });
});
