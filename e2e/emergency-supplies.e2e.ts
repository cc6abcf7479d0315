/**
 * In the real browser, emergency command and supplies: the county operator opens the event under
 * way from the events list into its command view (map with the place and area, tasks, the
 * timeline) at desk and phone sizes; then proposes an allocation of the approved supply requests
 * (the solver's plan drawn on the map as routes from warehouses to sites) and confirms it; a team
 * leader on the phone takes a dispatch and the team's position reaches the console.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, browserSuite } from './harness.js';

describe('browser: emergency command and supplies', () => {
  const suite = browserSuite();

  it('the county operator opens the event under way into its command view, at desk and phone sizes', async () => {
    for (const viewport of [{ width: 1400, height: 900 }, { width: 390, height: 844 }]) {
      const op = await suite.page('county_op', { viewport, path: '/emergency' });
      const rows = op.getByTestId('emergency-events').locator('tbody tr.ant-table-row');
      await rows.first().waitFor();
      await rows.filter({ hasText: '泄漏' }).first().click();
      await op.getByTestId('emergency-event-view').waitFor();
      await op.locator('[data-testid="emergency-map"][data-ready="true"]').waitFor();
      assert.ok(Number(await op.getByTestId('emergency-map').getAttribute('data-points')) >= 1, 'the place and the teams on the map');
      await screenshot(op, `emergency-event-${viewport.width}`);
      const width = await op.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width + 5, `the view fits (${width}px)`);
    }
  });

  it('a team leader on the phone takes the dispatch (接令) and reports the team position', async () => {
    // gw2 leads the county rescue team, dispatched this morning to the leak's monitoring task.
    const gw = await suite.page('gw2', { viewport: { width: 390, height: 844 }, path: '/emergency/dispatches', geolocation: { longitude: 111.7191, latitude: 29.0488 }, permissions: ['geolocation'] });
    const open = gw.locator('.ant-card[data-testid^="dispatch-"]').filter({ hasText: '泄漏' }).filter({ has: gw.getByTestId('dispatch-acknowledge') }).first();
    await open.waitFor();
    const card = gw.getByTestId((await open.getAttribute('data-testid'))!);
    await gw.getByTestId('my-dispatches-shared-at').waitFor();
    await card.getByTestId('dispatch-acknowledge').click();
    // Arrival is offered from the start (arriving records the acknowledgement too): wait for 接令 to go.
    await card.getByTestId('dispatch-acknowledge').waitFor({ state: 'detached' });
    await card.getByTestId('dispatch-arrive').waitFor();
    const text = (await card.textContent())!;
    assert.ok(text.includes('已接令'), `the step is shown: ${text}`);
    await screenshot(gw, 'emergency-my-dispatches-390');
    const width = await gw.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 395, `the page fits the phone (${width}px)`);
    const op = await suite.page('county_op', { viewport: { width: 1400, height: 900 }, path: '/emergency' });
    await op.getByRole('tab', { name: '救援队伍' }).click();
    const row = op.getByTestId('emergency-teams').locator('tbody tr').filter({ hasText: '县综合应急救援队' });
    await row.waitFor();
    assert.ok((await row.textContent())!.includes('111.7191, 29.0488'), 'the team position the phone reported');
  });

  it('the county operator proposes an allocation, sees its routes on the map and confirms it', async () => {
    const op = await suite.page('county_op', { viewport: { width: 1400, height: 900 }, path: '/supplies/requests' });
    await op.getByTestId('supplies-requests').locator('tbody tr.ant-table-row').first().waitFor();
    await op.getByTestId('supplies-plan-open').click();
    await op.locator('[data-testid="supplies-plan-map"][data-ready="true"]').waitFor();
    assert.ok(Number(await op.getByTestId('supplies-plan-map').getAttribute('data-links')) >= 1, 'routes drawn');
    await op.getByTestId('supplies-plan-table').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(op, 'supplies-allocation-plan');
    await op.getByTestId('supplies-plan-confirm').click();
    await op.locator('.ant-message').filter({ hasText: /已按方案分配 \d+ 个申领/ }).waitFor();
    // Nothing approved is left waiting: a new proposal says so.
    await op.getByTestId('supplies-plan-open').click();
    await op.getByTestId('supplies-plan-empty').waitFor();
  });
});
