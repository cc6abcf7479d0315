/**
 * In the real browser, quarantine: the community's operator gives an order for a contact living in
 * the grid worker's grid (day 1 today, the site and the home address) and sees its schedule; the
 * grid worker, on a phone, opens today's follow-ups and records the person's temperature.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { choose, input, screenshot, browserSuite } from './harness.js';

describe('browser: quarantine', () => {
  const suite = browserSuite();
  let orderNo = '';

  it('the operator gives an order for a contact in the worker\'s grid; the worker records the day\'s follow-up on a phone', async () => {
    const gw = await suite.page('gw1', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const me = await gw.evaluate(async () => (await (await fetch('/api/auth/me')).json()) as { scope: { gridName: string } });
    const gridName = me.scope.gridName;
    assert.ok(gridName, 'gw1 works in a grid');

    const op = await suite.page('community_op', { viewport: { width: 1400, height: 900 }, path: '/quarantine' });
    await input(op, 'quarantine-purpose-input').fill('隔离管控');
    await op.getByTestId('quarantine-purpose-confirm').click();
    await op.getByTestId('quarantine-create').click();
    await choose(op, op.getByTestId('quarantine-form-contact'), gridName);
    const start = input(op, 'quarantine-form-start');
    await start.click();
    const today = await op.evaluate(() => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()));
    await start.fill(today);
    await start.press('Enter');
    const site = op.getByTestId('quarantine-form-site');
    await site.click();
    await op.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option:not(.ant-select-item-option-disabled)').first().click();
    await input(op, 'quarantine-form-address').fill('幸福小区 3 栋 201');
    await op.getByTestId('quarantine-form-submit').click();
    const fields = op.getByTestId('quarantine-detail-fields');
    await fields.waitFor({ timeout: 20_000 });
    orderNo = (await fields.locator('td').first().innerText()).trim();
    assert.match(orderNo, /^Q\d+$/);
    const text = await fields.innerText();
    assert.match(text, new RegExp(`第 1/(10|7) 天`));
    assert.ok(!/\d{17}[\dX]/.test(text), 'no ID number on the page');
    await screenshot(op, 'quarantine-order');

    await gw.goto(`${suite.server.url}/#/quarantine/today`);
    await input(gw, 'quarantine-purpose-input').fill('每日随访');
    await gw.getByTestId('quarantine-purpose-confirm').click();
    const card = gw.getByTestId(`quarantine-today-${orderNo}`);
    await card.waitFor({ timeout: 20_000 });
    await card.getByTestId('quarantine-today-open').click();
    await card.locator('[data-testid="quarantine-today-temperature"] input, input[data-testid="quarantine-today-temperature"]').first().fill('36.6');
    await card.getByTestId('quarantine-today-save').click();
    await gw.getByText('随访已记录').waitFor();
    await card.getByTestId('quarantine-today-status').filter({ hasText: '已随访' }).waitFor();
    await screenshot(gw, 'quarantine-today-phone');
  });
});
