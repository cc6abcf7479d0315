/**
 * In the real browser, the console's frame for each role: the security admin creates a grid
 * worker by picking the grid from a scoped list (no ids typed); each role sees only its menus and
 * home cards (a department handler sees no region or grid administration and no residents, and
 * the page refuses when opened by its address); the header's search finds a ticket by its number
 * and opens it; a grid worker works the console on a phone (390x844) with the menu in a drawer
 * and the count of what waits on its entries.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { choose, input, loginAs, screenshot, browserSuite } from './harness.js';

const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** A read of the API with the page's session. */
function apiGet<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const res = await fetch(u, { headers: { Accept: 'application/json' } });
    return (await res.json()) as unknown;
  }, url) as Promise<T>;
}

/** Files a report at the middle of the first grid the page's account can read; its number and id. */
async function fileTicket(page: Page, description: string): Promise<{ id: string; number: string }> {
  const grids = await apiGet<{ items: { boundary: { coordinates: number[][][] } }[] }>(page, '/api/grids?pageSize=1');
  const ring = grids.items[0]!.boundary.coordinates[0]!.slice(0, -1);
  const lon = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
  const lat = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
  const made = await page.evaluate(async (body) => {
    const res = await fetch('/api/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { ticket: { id: string; number: string } } };
  }, { description, lon, lat });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return made.body.ticket;
}

describe('browser: menus per role, the grid picker, the global search and the grid worker\'s phone', () => {
  const suite = browserSuite();

  async function as(username: string, viewport = DESK): Promise<Page> {
    // A phone knows where it is (a point in the demo city); the console may ask.
    const context = await suite.context({ viewport, geolocation: { longitude: 111.6441, latitude: 29.0251 }, permissions: ['geolocation'] });
    const page = await context.newPage();
    await loginAs(page, suite.server.url, username);
    return page;
  }

  it('the security admin creates a grid worker with the grid picker', async () => {
    const page = await as('secadmin');
    assert.equal(await page.getByTestId('side-menu').innerText(), ['首页', '区划管理', '用户管理'].join('\n'));
    const { items } = await apiGet<{ items: { name: string; code: string }[] }>(page, '/api/users/grid-options');
    const grid = items[1]!;
    await page.goto(`${suite.server.url}/#/users`);
    await page.getByTestId('users-page').waitFor();
    await page.getByTestId('user-create').click();
    await input(page, 'user-form-username').fill('gw_picked');
    await input(page, 'user-form-display-name').fill('新网格员李四');
    await choose(page, page.getByTestId('user-form-role'), '网格员');
    const picker = page.getByTestId('user-form-scope-grid');
    await picker.click();
    await page.keyboard.type(grid.code);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: grid.name }).first().click();
    await picker.filter({ hasText: grid.name }).waitFor();
    await input(page, 'user-form-password').fill('Picked#Grid2026');
    await screenshot(page, 'nav-user-grid-picker');
    await page.getByTestId('user-form-submit').click();
    await page.getByTestId('user-form').waitFor({ state: 'hidden' });
    // The demo has hundreds of accounts: find the new one by name.
    await input(page, 'users-filter-q').fill('gw_picked');
    await page.getByTestId('users-search').click();
    const row = page.locator('tr', { hasText: 'gw_picked' });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(grid.name));
  });

  it('each role sees its own menus and cards; a handler sees no region or grid administration and no residents', async () => {
    const handler = await as('handler');
    const menu = await handler.getByTestId('side-menu').innerText();
    for (const label of ['我的待办', '全部工单', '吹哨报到']) assert.match(menu, new RegExp(label));
    for (const label of ['区划管理', '网格管理', '基础信息', '人口', '调度台', '新建工单']) assert.doesNotMatch(menu, new RegExp(label), label);
    await handler.getByTestId('home-link-tickets').waitFor();
    assert.deepEqual(await handler.locator('[data-testid^="home-link-"]').evaluateAll((links) => links.map((a) => a.getAttribute('data-testid'))), ['home-link-tickets']);
    await screenshot(handler, 'nav-handler-home');
    // By its address the page refuses, and so does the server.
    await handler.goto(`${suite.server.url}/#/registers/residents`);
    await handler.getByTestId('page-forbidden').waitFor();
    assert.equal(await handler.evaluate(async () => (await fetch('/api/residents')).status), 403);

    const worker = await as('gw1');
    const workerMenu = await worker.getByTestId('side-menu').innerText();
    for (const label of ['网格管理', '基础信息', '我的待办', '新建工单']) assert.match(workerMenu, new RegExp(label));
    for (const label of ['用户管理', '调度台', '导入']) assert.doesNotMatch(workerMenu, new RegExp(label), label);

    const auditor = await as('auditor');
    assert.equal(await auditor.getByTestId('side-menu').innerText(), ['首页', '区划管理', '审计日志'].join('\n'));
  });

  it('the header\'s search finds a ticket by its number and opens it', async () => {
    const page = await as('county_op');
    const ticket = await fileTicket(page, '小区门口下水道井盖破损，存在安全隐患');
    await input(page, 'global-search-input').fill(ticket.number);
    const hit = page.getByTestId(`search-ticket-${ticket.number}`);
    await hit.waitFor({ timeout: 15_000 });
    await screenshot(page, 'nav-search-desk');
    await hit.click();
    await page.getByTestId('ticket-detail-number').filter({ hasText: ticket.number }).waitFor();
    assert.match(page.url(), new RegExp(`#/tickets/all\\?id=${ticket.id}`));
  });

  it('a grid worker works the console on a phone: the menu in a drawer with the counts of what waits', async () => {
    const page = await as('gw1', PHONE);
    // Something waiting in the grid: a report filed in it.
    await fileTicket(page, '路灯不亮，晚上行人看不清路');
    const counts = await apiGet<{ ticketQueue: number; ticketsOverdue: number; summonses: number }>(page, '/api/todo-counts');
    assert.ok(counts.ticketQueue >= 1);

    await page.reload();
    await page.getByTestId('home-page').waitFor();
    assert.equal(await page.getByTestId('side-menu').isVisible(), false, 'no side menu on a phone until asked for');
    await page.getByTestId('menu-open').click();
    await page.getByTestId('menu-drawer').waitFor();
    const badge = page.getByTestId('menu-ticketQueue-count');
    await badge.waitFor();
    assert.equal(Number(await badge.getAttribute('data-count')), counts.ticketQueue);
    await page.waitForTimeout(400);
    await screenshot(page, 'nav-phone-menu');

    await page.getByTestId('menu-ticketQueue').click();
    await page.getByTestId('menu-drawer').waitFor({ state: 'hidden' });
    await page.locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'nav-phone-queue');
    let width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `the list fits a phone (${width}px)`);

    // The bell says what, where and how urgent (the county's report in this grid).
    await page.getByTestId('header-notifications').click();
    const about = page.locator('[data-testid^="notification-about-"]').first();
    await about.waitFor();
    assert.match(await about.innerText(), /马家吉社区第一网格/);
    await screenshot(page, 'nav-phone-notifications');
    await page.keyboard.press('Escape');
    await page.getByTestId('header-notifications').click();

    await input(page, 'global-search-input').fill('路灯不亮');
    await page.locator('[data-testid^="search-ticket-"]').first().click();
    await page.getByTestId('ticket-detail-body').waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, 'nav-phone-ticket');
    width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `the ticket fits a phone (${width}px)`);

    // A report from where the grid worker stands: "use my location" fills the point.
    await page.goto(`${suite.server.url}/#/tickets/new`);
    await page.getByTestId('intake-page').waitFor();
    await page.getByTestId('intake-locate').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="intake-lon"] input, input[data-testid="intake-lon"]') as HTMLInputElement | null)?.value !== '');
    assert.equal(Number(await input(page, 'intake-lon').inputValue()), 111.6441);
    assert.equal(Number(await input(page, 'intake-lat').inputValue()), 29.0251);
    await screenshot(page, 'nav-phone-intake');
    width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `the report form fits a phone (${width}px)`);
  });
});
