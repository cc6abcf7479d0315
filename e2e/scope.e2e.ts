/** In the real browser: a grid worker and a city operator each see only their own scope. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, loginAs, screenshot, startServer, type E2eServer } from './harness.js';

async function gridRows(page: Page): Promise<string[]> {
  await page.goto(`${page.url().split('#')[0]}#/grids`);
  const table = page.getByTestId('grids-table');
  await table.waitFor();
  await page.locator('[data-testid="grids-table"] tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
  return page.locator('[data-testid="grids-table"] tbody tr.ant-table-row').allInnerTexts();
}

async function totalOf(page: Page): Promise<number> {
  const text = await page.locator('[data-testid="grids-table"] .ant-pagination-total-text').first().innerText().catch(() => '');
  const match = /(\d+)/.exec(text);
  return match ? Number(match[1]) : (await page.locator('[data-testid="grids-table"] tbody tr.ant-table-row').count());
}

describe('browser: scope', () => {
  let server: E2eServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a grid worker sees only their own grid', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await loginAs(page, server.url, 'gw1');
    assert.match(await page.getByTestId('header-scope').innerText(), /第一网格/);
    const rows = await gridRows(page);
    assert.equal(rows.length, 1);
    assert.match(rows[0]!, /第一网格/);
    assert.equal(await totalOf(page), 1);
    await page.getByTestId('grid-map').locator('canvas').first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'grid-worker-grids');
    // The admin pages are not in the menu, and the audit log refuses.
    assert.equal(await page.getByTestId('menu-users').count(), 0);
    assert.equal(await page.getByTestId('menu-audit').count(), 0);
    const audit = await page.request.get(`${server.url}/api/audit`);
    assert.equal(audit.status(), 403);
    await page.close();
  });

  it('a city operator sees every grid of the city, in Chinese by default and in English on request', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await loginAs(page, server.url, 'city_op');
    assert.match(await page.getByTestId('header-scope').innerText(), /常德市/);
    await gridRows(page);
    const api = await page.request.get(`${server.url}/api/grids?pageSize=1`);
    const total = ((await api.json()) as { total: number }).total;
    assert.ok(total > 10, `the city has ${total} grids`);
    assert.equal(await totalOf(page), total);
    await page.getByTestId('grid-map').locator('canvas').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1000);
    await screenshot(page, 'city-operator-grids');
    assert.match(await page.getByTestId('side-menu').innerText(), /网格管理/);
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en').click().catch(() => undefined);
    await page.waitForTimeout(500);
    assert.match(await page.getByTestId('side-menu').innerText(), /Grids/);
    await page.close();
  });

  it('a wrong password shows the generic error and stays on the login page', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${server.url}/`);
    await page.locator('input[data-testid="login-username"], [data-testid="login-username"] input').first().fill('city_op');
    await page.locator('input[data-testid="login-password"], [data-testid="login-password"] input').first().fill('Wrong#2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    assert.match(await page.getByTestId('login-error').innerText(), /用户名、密码或验证码错误/);
    await page.close();
  });

  it('the auditor signs in with TOTP and reads the audit log', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await loginAs(page, server.url, 'auditor');
    await page.goto(`${server.url}/#/audit`);
    await page.locator('[data-testid="audit-table"] tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    const log = await page.getByTestId('audit-table').innerText();
    assert.match(log, /登录/);
    assert.doesNotMatch(log, /auth\.login/, 'actions by their names, not their codes');
    await screenshot(page, 'auditor-audit');
    await page.close();
  });
});
