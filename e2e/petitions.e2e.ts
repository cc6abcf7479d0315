/**
 * In the real browser, the no-petition villages of the demo city (a year of petitions assessed
 * month by month): a county's command centre sees a mix of 达标 and 未达标 with the change from
 * the month before, picks an earlier month, opens a village that did not meet the criteria (its
 * checks and twelve months), sees the map layer coloured by status, saves its county's own
 * criteria as a new version and assesses the month again; at a phone's width a community's
 * operator sees their one village.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { choose, input, loginAs, screenshot, browserSuite } from './harness.js';

describe('browser: no-petition villages', () => {
  const suite = browserSuite();

  it('a county lists, opens, maps and sets the criteria; a community operator sees one village on a phone', async () => {
    const context = await suite.context({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await loginAs(page, suite.server.url, 'county_op');
    await page.goto(`${suite.server.url}/#/no-petition-villages`);
    await page.getByTestId('petitions-page').waitFor();
    const table = page.getByTestId('petitions-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    assert.equal(await table.locator('tr.ant-table-row').count(), 6, 'the county\'s six communities');
    await screenshot(page, 'petitions-list');

    // Earlier months: somewhere in the year some villages met the criteria and some did not.
    const months = await page.evaluate(async () => ((await (await fetch('/api/petition-villages')).json()) as { months: string[] }).months);
    assert.equal(months.length, 12);
    let statuses = new Set<string>();
    for (const m of months) {
      const list = await page.evaluate(async (month) => ((await (await fetch(`/api/petition-villages?month=${month}`)).json()) as { items: { status: string }[] }).items, m);
      for (const i of list) statuses.add(i.status);
    }
    assert.deepEqual([...statuses].sort(), ['met', 'not_met']);
    statuses = new Set();
    await choose(page, page.getByTestId('petitions-month'), months[3]!);
    await page.getByTestId('petitions-summary').waitFor();

    // Open a village that did not meet the criteria in some month: its checks and its twelve months.
    await choose(page, page.getByTestId('petitions-month'), months[0]!);
    await choose(page, page.getByTestId('petitions-status'), '未达标');
    const notMet = table.locator('tr.ant-table-row').first();
    await notMet.waitFor();
    await notMet.click();
    await page.getByTestId('petitions-checks').getByText('未达标').first().waitFor();
    assert.equal(await page.getByTestId('petitions-history').locator('[data-testid^="history-"]').count(), 12);
    await screenshot(page, 'petitions-village');
    await page.keyboard.press('Escape');

    // The map layer: the county's grids coloured by their village's status.
    await page.getByRole('tab', { name: '地图' }).click();
    await page.locator('[data-testid="petitions-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    assert.ok(Number(await page.getByTestId('petitions-map').getAttribute('data-grids')) > 0);
    await screenshot(page, 'petitions-map');

    // The county's own criteria: one petition past the township is tolerated; saved as version 1, audited.
    await page.getByRole('tab', { name: '评定标准' }).click();
    await page.getByTestId('petitions-criteria').getByText('平台默认').first().waitFor();
    await input(page, 'criteria-threshold-beyond_township_petitions').fill('1');
    await input(page, 'criteria-note').fill('本县试行标准');
    await page.getByTestId('criteria-save').click();
    await page.getByText('当前执行本级标准（第1版）').waitFor();
    await page.getByTestId('criteria-history').getByText('本县试行标准').waitFor();
    await screenshot(page, 'petitions-criteria');
    const criteria = await page.evaluate(async () => (await (await fetch('/api/petition-criteria')).json()) as { version: number; criteria: { metric: string; threshold: number }[] });
    assert.equal(criteria.version, 1);
    assert.equal(criteria.criteria.find((c) => c.metric === 'beyond_township_petitions')!.threshold, 1);

    await page.getByTestId('petitions-assess').click();
    await page.getByText(/已评定6个村（社区）/).waitFor();

    // At a phone's width: a community's operator sees their one village.
    const phone = await suite.context({ viewport: { width: 375, height: 800 } });
    const small = await phone.newPage();
    await loginAs(small, suite.server.url, 'community_op');
    await small.goto(`${suite.server.url}/#/no-petition-villages`);
    await small.getByTestId('petitions-table').locator('tr.ant-table-row').first().waitFor();
    assert.equal(await small.getByTestId('petitions-table').locator('tr.ant-table-row').count(), 1);
    await screenshot(small, 'petitions-phone');
  });
});
