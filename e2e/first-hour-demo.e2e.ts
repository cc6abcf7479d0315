/**
 * The first hour with the demo, in the real browser: a fresh `npm start` server (its own empty
 * data folder) is ready in well under two minutes and prints a handler for every department; the
 * county operator's dashboard shows the real names of Changde's divisions and non-zero ticket
 * figures; the ticket list holds two months of history in many states; the resident list filters
 * people by tag (elderly living alone). At a desk (1440x900) and on a phone (390x844).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { DashboardOverview, Ticket } from '@gridgov/contracts';
import { choose, launchBrowser, loginAs, screenshot, startServer, type E2eServer } from './harness.js';

const DAY = 86_400_000;

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  assert.equal(res.status(), 200, `${url}: ${await res.text()}`);
  return (await res.json()) as T;
}

describe('first hour with the demo city', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let readyMs = 0;

  before(async () => {
    const started = performance.now();
    server = await startServer();
    readyMs = performance.now() - started;
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await loginAs(page, server.url, 'county_op');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('starts fresh in under two minutes and prints a handler for every kind of department', () => {
    assert.ok(readyMs < 120_000, `ready after ${Math.round(readyMs / 1000)} s`);
    const out = server.output();
    for (const login of ['county_op', 'handler', 'police1..police2', 'justice1..justice2', 'office1..office4', 'urban2']) assert.ok(out.includes(login), `${login} is printed`);
    assert.match(out, /武陵区公安分局/);
  });

  it("shows the county operator's dashboard with Changde's real names and non-zero ticket figures", async () => {
    await page.locator('[data-testid="dashboard-page"][data-level="county"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="kpi-openTickets"]:not([data-value=""])').waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId('dashboard-title').innerText(), /武陵区/);
    for (const tile of ['openTickets', 'overdueTickets', 'onTimeRate', 'satisfaction', 'pendingSummonses']) {
      const value = Number(await page.getByTestId(`kpi-${tile}`).getAttribute('data-value'));
      assert.ok(value > 0, `${tile}: ${value}`);
    }
    // The county's townships by their real names (启明街道, 河洑镇), in the place list and the overview.
    const overview = await getJson<DashboardOverview>(page, `${server.url}/api/dashboard/overview`);
    const names = overview.children.map((c) => c.place.name);
    assert.deepEqual(names.sort(), ['启明街道', '河洑镇'].sort());
    const text = await page.getByTestId('dashboard-page').innerText();
    assert.ok(names.some((n) => text.includes(n)), `a township is named on the page: ${names.join(', ')}`);
    assert.doesNotMatch(text, /寿口区/);
    await page.locator('[data-testid="dashboard-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await screenshot(page, 'first-hour-dashboard');
  });

  it('lists two months of tickets in many states', async () => {
    await page.getByTestId('menu-ticketsAll').click();
    const rows = page.locator('[data-testid="tickets-all-table"] tbody tr.ant-table-row');
    await rows.first().waitFor({ timeout: 15_000 });
    const first = await getJson<{ items: Ticket[]; total: number }>(page, `${server.url}/api/tickets?view=all&pageSize=200`);
    assert.ok(first.total > 150, `${first.total} tickets in the county`);
    const all: Ticket[] = [...first.items];
    for (let p = 2; all.length < first.total; p++) all.push(...(await getJson<{ items: Ticket[] }>(page, `${server.url}/api/tickets?view=all&pageSize=200&page=${p}`)).items);
    // Petitions (信访) go back a year, for the no-petition villages' history: the loop's own tickets two months.
    const PETITIONS = new Set(['信访', '征地拆迁', '劳资纠纷', '涉法涉诉', '民生保障']);
    const times = all.filter((t) => !t.categoryName.split(/[/／ ]/).some((part) => PETITIONS.has(part))).map((t) => Date.parse(t.createdAt));
    const now = Date.now();
    assert.ok(Math.min(...times) < now - 55 * DAY && Math.min(...times) >= now - 61 * DAY, `oldest ${new Date(Math.min(...times)).toISOString()}`);
    assert.ok(Math.max(...times) > now - 2 * DAY);
    const statuses = new Set(all.map((t) => t.status));
    for (const status of ['closed', 'handling', 'rejected']) assert.ok(statuses.has(status as Ticket['status']), `${status} among ${[...statuses].join(', ')}`);
    assert.ok(all.some((t) => t.rating !== null));
    // The page says how many there are, and shows Chinese statuses, not codes.
    const table = await page.getByTestId('tickets-all-table').innerText();
    assert.match(table, /已办结|处置中|已受理|已派遣|待受理|已上报/);
    assert.doesNotMatch(table, /\b(closed|handling|reported_back)\b/);
    await screenshot(page, 'first-hour-tickets');
  });

  it('filters residents by tag: elderly living alone', async () => {
    await page.goto(`${server.url}/#/registers/residents`);
    await page.locator('[data-testid="residents-table"] tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    await choose(page, page.getByTestId('residents-filter-tag'), '独居老人');
    await page.getByTestId('residents-search').click();
    const rows = page.locator('[data-testid="residents-table"] tbody tr.ant-table-row');
    await page.waitForFunction(() => {
      const found = Array.from(document.querySelectorAll('[data-testid="residents-table"] tbody tr.ant-table-row'));
      return found.length > 0 && found.every((row) => row.textContent?.includes('独居老人'));
    }, undefined, { timeout: 15_000 });
    const count = await rows.count();
    assert.ok(count > 0);
    for (let i = 0; i < count; i++) assert.match(await rows.nth(i).innerText(), /独居老人/);
    await screenshot(page, 'first-hour-residents-elderly');
  });

  it('shows the same dashboard on a phone', async () => {
    const phone = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await loginAs(phone, server.url, 'county_op');
    await phone.locator('[data-testid="kpi-openTickets"]:not([data-value=""])').waitFor({ timeout: 30_000 });
    assert.ok(Number(await phone.getByTestId('kpi-openTickets').getAttribute('data-value')) > 0);
    await phone.locator('[data-testid="dashboard-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await screenshot(phone, 'first-hour-dashboard-phone');
    await phone.close();
  });
});
