/**
 * In the real browser, arrival screening (人员出入境排查) in the demo city: the county's operator
 * sees the checkpoints' arrivals with names and ID numbers masked, the unmatched ones on their own
 * tab, marks a pending one checked, and goes from the page to the import wizard with the arrivals
 * kind chosen; in English the page says so; at a phone's width the list fits.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, loginAs, screenshot } from './harness.js';

const FULL_ID = /\b\d{17}[\dX]\b/;

describe('browser: arrival screening', () => {
  const suite = browserSuite();

  it('the county operator sees masked arrivals, the unmatched ones, checks one and opens the import', async () => {
    const page = await suite.page('county_op', { viewport: { width: 1440, height: 900 }, path: '/arrivals' });
    const table = page.getByTestId('arrivals-table');
    const rows = table.locator('tbody tr.ant-table-row');
    await rows.first().waitFor({ timeout: 30_000 });
    const text = await table.innerText();
    assert.match(text, /\*\*/, 'names masked');
    assert.doesNotMatch(text, FULL_ID, 'no full ID number');
    assert.match(text, /未匹配实有人口/);
    await screenshot(page, 'arrivals-list');

    await page.getByTestId('arrivals-tab-unmatched').click();
    await page.waitForFunction(() => {
      const rows = Array.from(document.querySelectorAll('[data-testid="arrivals-table"] tbody tr.ant-table-row'));
      return rows.length > 0 && rows.every((r) => r.textContent!.includes('未匹配实有人口'));
    });

    await page.getByTestId('arrivals-tab-all').click();
    await page.getByTestId('arrivals-filter-status').click();
    await page.locator('.ant-select-dropdown:visible').getByText('待核查', { exact: true }).click();
    await page.getByTestId('arrivals-search').click();
    const pending = table.locator('[data-testid^="arrivals-check-"]').first();
    await pending.waitFor();
    const id = (await pending.getAttribute('data-testid'))!.replace('arrivals-check-', '');
    await pending.click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    const checked = await (async () => {
      for (let i = 0; i < 40; i++) {
        const now = (await (await page.request.get(`${suite.server.url}/api/arrivals/${id}`)).json()) as { status: string };
        if (now.status === 'checked') return true;
        await page.waitForTimeout(250);
      }
      return false;
    })();
    assert.ok(checked, 'the arrival is checked on the server');

    await page.getByTestId('arrivals-import').click();
    await page.waitForURL(/#\/registers\/imports\?register=arrival/);
    assert.match(await page.getByTestId('imports-register').innerText(), /出入境人员/);
  });

  it('in English at a phone\'s width the list fits and speaks English', async () => {
    const context = await suite.context({ locale: 'en', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await context.addInitScript(() => window.localStorage.setItem('gridgov.locale', 'en'));
    const page = await context.newPage();
    await loginAs(page, suite.server.url, 'county_op');
    await page.goto(`${suite.server.url}/#/arrivals`);
    await page.getByTestId('arrivals-table').locator('tbody tr.ant-table-row').first().waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId('arrivals-tab-unmatched').innerText(), /[A-Za-z]/);
    assert.doesNotMatch(await page.getByTestId('arrivals-table').innerText(), /待核查|未匹配/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 400, `the page fits a phone (${width}px)`);
    await screenshot(page, 'arrivals-phone-en');
  });
});
