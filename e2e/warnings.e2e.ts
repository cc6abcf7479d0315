/**
 * In the real browser, risk warnings of the demo city: the city's command centre opens a raised
 * warning, acknowledges it, assigns it to a department, reports the handling and closes it; marks
 * another one a false positive; and the rules page counts one more false positive for its rule.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { choose, input, loginAs, screenshot, browserSuite } from './harness.js';

interface RuleStats {
  id: string;
  name: string;
  stats: { falsePositive: number };
}

async function openRaised(page: Page, index: number): Promise<string> {
  const row = page.getByTestId('warnings-table').locator('tr', { hasText: '新预警' }).nth(index);
  await row.waitFor();
  const rule = (await row.locator('td').first().innerText()).trim();
  await row.locator('[data-testid^="warnings-open-"]').click();
  await page.getByTestId('warnings-evidence').waitFor();
  return rule;
}

async function step(page: Page, action: string, done: string): Promise<void> {
  await page.getByTestId(`warnings-step-${action}`).click();
  await page.locator('.ant-drawer').getByText(done).first().waitFor();
}

describe('browser: risk warnings', () => {
  const suite = browserSuite();

  it('an operator acknowledges, assigns, handles and closes one warning, marks another a false positive, and the rule counts it', async () => {
    const context = await suite.context({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await loginAs(page, suite.server.url, 'city_op');
    const rules = async () => page.evaluate(async () => ((await (await fetch('/api/warning-rules')).json()) as { items: RuleStats[] }).items);

    await page.goto(`${suite.server.url}/#/warnings`);
    await page.getByTestId('warnings-page').waitFor();
    await openRaised(page, 0);
    await screenshot(page, 'warnings-detail');
    await step(page, 'acknowledge', '已签收');
    await choose(page, page.getByTestId('warnings-step-department'), '综治办');
    await step(page, 'assign', '已交办');
    await input(page, 'warnings-step-text').fill('已会同司法所入户了解，双方达成和解');
    await step(page, 'handle', '已处置');
    await step(page, 'close', '已办结');
    await page.keyboard.press('Escape');

    const before = await rules();
    await page.reload();
    await page.getByTestId('warnings-page').waitFor();
    const ruleName = await openRaised(page, 0);
    await input(page, 'warnings-step-text').fill('经核实为正常外出，非风险情形');
    await step(page, 'mark_false_positive', '误报');

    const after = await rules();
    const rule = before.find((r) => r.name === ruleName)!;
    assert.ok(rule, `rule ${ruleName} listed`);
    assert.equal(after.find((r) => r.id === rule.id)!.stats.falsePositive, rule.stats.falsePositive + 1);

    await page.goto(`${suite.server.url}/#/warning-rules`);
    const row = page.locator('tr', { hasText: ruleName }).first();
    await row.getByTestId('rule-stats').filter({ hasText: new RegExp(`/ ${rule.stats.falsePositive + 1}$`) }).waitFor();
    await screenshot(page, 'warning-rules');

    // At a phone's width the warnings page fits.
    const phone = await suite.context({ viewport: { width: 375, height: 800 } });
    const small = await phone.newPage();
    await loginAs(small, suite.server.url, 'community_op');
    await small.goto(`${suite.server.url}/#/warnings`);
    await small.getByTestId('warnings-page').waitFor();
    await small.getByTestId('warnings-table').locator('tr.ant-table-row').first().waitFor();
    const width = await small.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 380, `the page fits a phone (${width}px)`);
  });
});
