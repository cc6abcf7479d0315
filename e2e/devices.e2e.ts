/**
 * In the real browser, the device registry: the county operator opens 设备管理, sees the demo
 * devices on the map coloured by state with the counts, registers a camera by its national ID
 * (a malformed one marked on its field),
 * and issues it a secret that is shown once.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, browserSuite } from './harness.js';

describe('browser: devices', () => {
  const suite = browserSuite();

  it('lists the devices on a map by state, registers a camera and shows its secret once', async () => {
    const op = await suite.page('county_op', { viewport: { width: 1366, height: 900 }, path: '/devices' });
    await op.locator('[data-testid="devices-map"][data-ready="true"]').waitFor();
    assert.ok(Number(await op.getByTestId('devices-map').getAttribute('data-points')) >= 20, 'the demo devices on the map');
    assert.match((await op.getByTestId('devices-counts').textContent()) ?? '', /在线 \d+.*离线 [1-9]/);
    await screenshot(op, 'devices-1366');

    await op.getByTestId('device-new').click();
    const form = op.getByTestId('device-form');
    // Wrong input: a camera's code that is not a 20-digit national ID is marked on the code field.
    await form.locator('#code').fill('4307020000133999');
    await form.locator('#name').fill('浏览器登记摄像机');
    await op.locator('.ant-modal-footer .ant-btn-primary').click();
    await form.locator('.ant-form-item-explain-error').filter({ hasText: '20位国标编码' }).waitFor();
    await form.locator('#code').fill('43070200001329990001');
    await form.locator('#name').fill('浏览器登记摄像机');
    await op.locator('.ant-modal-footer .ant-btn-primary').click();
    await form.waitFor({ state: 'detached' });
    await op.getByTestId('devices-search').locator('input').fill('浏览器登记');
    await op.getByTestId('devices-search').locator('input').press('Enter');
    const row = op.getByTestId('devices').locator('tbody tr.ant-table-row').filter({ hasText: '浏览器登记摄像机' });
    await row.waitFor();
    await row.getByTestId('device-secret').click();
    const secret = op.getByTestId('device-secret-value');
    await secret.waitFor();
    assert.match((await secret.textContent()) ?? '', /[A-Za-z0-9_-]{30,}/);
    await screenshot(op, 'devices-secret-1366');
    await op.locator('.ant-modal-footer .ant-btn-primary').click();
    await secret.waitFor({ state: 'detached' });
    assert.equal(await row.getByTestId('device-secret').textContent(), '更换密钥', 'shown once: afterwards only a rotation');
  });
});
