/**
 * In the real browser: a community's operator sets a category's visit interval for their
 * community (saved, audited, still there after a reload) and cannot switch categories off; the
 * city's operator switches one off; a grid worker has no such page.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { input, screenshot, browserSuite } from './harness.js';

describe('browser: key-person categories', () => {
  const suite = browserSuite();

  const as = (username: string, viewport: { width: number; height: number }, path: string) => suite.page(username, { viewport, path });

  it('the community sets its visit interval, the city switches a category off', async () => {
    const op = await as('community_op', { width: 1280, height: 900 }, '/keypersons/categories');
    const days = input(op, 'kp-category-days-elderly_alone-medium');
    await days.waitFor();
    assert.equal(await days.inputValue(), '30', 'the shipped monthly interval for medium risk');
    assert.ok(await op.getByTestId('kp-category-active-elderly_alone').isDisabled(), 'a community does not switch categories on or off');
    await days.fill('14');
    await op.getByTestId('kp-category-save-elderly_alone').click();
    await op.getByText('类别设置已保存').first().waitFor();
    await screenshot(op, 'keypersons-categories-desk');
    await op.reload();
    await input(op, 'kp-category-days-elderly_alone-medium').waitFor();
    assert.equal(await input(op, 'kp-category-days-elderly_alone-medium').inputValue(), '14');
    assert.equal(await input(op, 'kp-category-days-elderly_alone-high').inputValue(), '7', 'the other levels keep the shipped interval');

    const city = await as('city_op', { width: 1280, height: 900 }, '/keypersons/categories');
    const toggle = city.getByTestId('kp-category-active-key_youth');
    await toggle.waitFor();
    assert.equal(await toggle.getAttribute('aria-checked'), 'true');
    await toggle.click();
    await city.getByTestId('kp-category-save-key_youth').click();
    await city.getByText('类别设置已保存').first().waitFor();
    await city.waitForFunction(() => document.querySelector('[data-testid="kp-category-active-key_youth"]')?.getAttribute('aria-checked') === 'false');
    // The community's page (its own region) still shows its 14 days; the city's shows the shipped 30.
    assert.equal(await input(city, 'kp-category-days-elderly_alone-medium').inputValue(), '30');

    const phone = await as('community_op', { width: 375, height: 812 }, '/keypersons/categories');
    await phone.getByTestId('kp-categories-table').waitFor();
    await screenshot(phone, 'keypersons-categories-phone');

    const worker = await as('gw1', { width: 375, height: 812 }, '/keypersons/categories');
    await worker.waitForLoadState('networkidle');
    assert.equal(await worker.getByTestId('kp-categories').count(), 0, 'no page for a grid worker');
  });
});
