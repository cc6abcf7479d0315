/**
 * In the real browser, the watch list (布控名单): the county operator opens it from the menu next
 * to 设备管理, adds a plate (typed once; a plate repeated in the label is marked on the label
 * field), sees it afterwards only as its last characters, and deactivates it. A community operator
 * reads the list but has no add button.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, browserSuite } from './harness.js';

describe('browser: watch list', () => {
  const suite = browserSuite();

  it('adds a plate shown only masked afterwards, and deactivates it', async () => {
    const op = await suite.page('county_op', { viewport: { width: 1366, height: 900 }, path: '/devices' });
    await op.getByTestId('side-menu').getByText('布控名单').click();
    await op.getByTestId('watchlist-page').waitFor();

    await op.getByTestId('watchlist-new').click();
    const form = op.getByTestId('watchlist-form');
    await op.getByTestId('watchlist-value').fill('湘J 6E789');
    // Wrong input: the label repeats the plate, which would put it in clear on every list.
    await op.getByTestId('watchlist-label').fill('被盗车辆 湘J6E789');
    await op.locator('.ant-modal-footer .ant-btn-primary').click();
    await form.locator('.ant-form-item-explain-error').filter({ hasText: '说明中不得包含布控号码本身' }).waitFor();
    await op.getByTestId('watchlist-label').fill('被盗车辆（浏览器）');
    await op.locator('.ant-modal-footer .ant-btn-primary').click();
    await form.waitFor({ state: 'detached' });

    const row = op.getByTestId('watchlist').locator('tbody tr.ant-table-row').filter({ hasText: '被盗车辆（浏览器）' });
    await row.waitFor();
    assert.equal(await row.getByTestId('watchlist-hint').textContent(), '**E789');
    const page = (await op.locator('body').innerText()).replace(/\s/g, '');
    assert.ok(!page.includes('6E789') && !page.includes('J6E78'), 'the value is nowhere on the page');
    await screenshot(op, 'watchlist-1366');

    await row.getByTestId('watchlist-deactivate').click();
    await op.locator('.ant-modal-confirm-btns .ant-btn-primary, .ant-modal-confirm .ant-btn-dangerous, .ant-modal-footer .ant-btn-primary').last().click();
    await row.waitFor({ state: 'detached' });

    const community = await suite.page('community_op', { viewport: { width: 1366, height: 900 }, path: '/watchlist' });
    await community.getByTestId('watchlist-page').waitFor();
    await community.getByTestId('watchlist').waitFor();
    assert.equal(await community.getByTestId('watchlist-new').count(), 0, 'below county level: read only');
  });
});
