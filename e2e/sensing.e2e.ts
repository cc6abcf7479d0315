/**
 * In the real browser, device alarms and a device's activity: the county operator sees the demo
 * day's alarms (an SOS with its ticket and the grid worker told, fever, smoke, a water leak) on a
 * map and in the list, opens a street light's activity and sends its loudspeaker a text (an
 * empty one is refused on its field); a grid worker on a phone sees only the alarms of their grid.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, browserSuite } from './harness.js';

describe('browser: device alarms and commands', () => {
  const suite = browserSuite();

  it('shows the alarms with what they became, and sends a loudspeaker text to a street light', async () => {
    const op = await suite.page('county_op', { viewport: { width: 1366, height: 900 }, path: '/device-alarms' });
    await op.locator('[data-testid="alarms-map"][data-ready="true"]').waitFor();
    const rows = op.getByTestId('alarms').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    assert.ok((await rows.count()) >= 4, 'the demo alarms');
    const sos = rows.filter({ hasText: '一键求助' });
    assert.equal(await sos.count(), 1, 'two presses in the period are one alarm');
    assert.match((await sos.textContent()) ?? '', /已通知网格员/);
    assert.match((await sos.getByTestId('alarm-ticket').textContent()) ?? '', /\d/);
    assert.ok(Number(await op.getByTestId('alarms-map').getAttribute('data-points')) >= 4);
    await screenshot(op, 'alarms-1366');

    await op.goto(`${suite.server.url}/#/devices`);
    await op.getByTestId('devices-search').locator('input').fill('智慧路灯');
    await op.getByTestId('devices-search').locator('input').press('Enter');
    const light = op.getByTestId('devices').locator('tbody tr.ant-table-row').filter({ hasText: '智慧路灯' }).first();
    await light.waitFor();
    await light.getByTestId('device-activity-open').click();
    const drawer = op.getByTestId('device-activity');
    await drawer.getByTestId('device-messages').locator('tbody tr.ant-table-row').first().waitFor();
    // Wrong input: no text to speak is refused on the field.
    await drawer.getByTestId('device-command-send').click();
    await drawer.locator('.ant-form-item-explain-error').first().waitFor();
    await drawer.getByTestId('device-command-text').fill('请勿在河边逗留，注意安全');
    await drawer.getByTestId('device-command-send').click();
    await drawer.getByTestId('device-commands').locator('tbody tr.ant-table-row').filter({ hasText: '请勿在河边逗留' }).waitFor();
    await screenshot(op, 'device-activity-1366');
  });

  it('shows a grid worker on a phone only the alarms of their grid', async () => {
    const gw = await suite.page('gw1', { viewport: { width: 390, height: 844 }, isMobile: true, path: '/device-alarms' });
    await gw.getByTestId('alarms').waitFor();
    await gw.locator('[data-testid="alarms-map"][data-ready="true"]').waitFor();
    const rows = gw.getByTestId('alarms').locator('tbody tr.ant-table-row');
    await gw.waitForLoadState('networkidle');
    for (const text of await rows.allTextContents()) assert.match(text, /马家吉社区第一网格|^$/, text);
    await screenshot(gw, 'alarms-gw-390');
  });
});
