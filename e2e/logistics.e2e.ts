/**
 * In the real browser, logistics: the driver gw1 (linked to the demo driver 刘建国) opens the phone
 * page, posts a position for the delivery on the road and confirms arrival; the community's
 * operator, at the desk, opens that shipment and receives it through the receipt form (one line
 * short), which shows the discrepancy; the traffic-control page lists the leak's road closure.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, browserSuite } from './harness.js';

describe('browser: logistics', () => {
  const suite = browserSuite();

  it('the driver posts a position and arrives on the phone; the site receives it at the desk with a short line', async () => {
    const phone = await suite.page('gw1', { viewport: { width: 390, height: 844 }, path: '/logistics/driver' });
    const card = phone.locator('[data-testid^="driver-shipment-"]').first();
    await card.waitFor();
    await card.getByTestId('driver-track-typed').click();
    await phone.getByText('位置已上报').first().waitFor();
    await screenshot(phone, 'logistics-driver-phone');
    await card.getByTestId('driver-arrive').click();
    await card.getByText('已到达').waitFor();

    const desk = await suite.page('community_op', { viewport: { width: 1366, height: 900 }, path: '/logistics' });
    const rows = desk.getByTestId('logistics-shipments').locator('tbody tr.ant-table-row');
    await rows.filter({ hasText: '沅江大堤加固点' }).filter({ hasText: '已到达' }).first().click();
    await desk.getByTestId('logistics-shipment').waitFor();
    await desk.getByTestId('logistics-action-receive').click();
    const received = desk.getByTestId('logistics-received-0');
    await received.fill('58');
    await desk.getByTestId('logistics-gap-add-0').click();
    await desk.getByTestId('logistics-gap-qty-0-0').fill('2');
    await desk.getByTestId('logistics-receipt-ok').click();
    await desk.getByTestId('logistics-status').getByText('已签收').waitFor();
    const lines = await desk.getByTestId('logistics-lines').innerText();
    assert.match(lines, /短少 2/);
    await screenshot(desk, 'logistics-received-desk');
  });

  it('the county operator sees the road closure of the chemical leak on the traffic-control page', async () => {
    const desk = await suite.page('county_op', { viewport: { width: 1366, height: 900 }, path: '/traffic-control' });
    await desk.getByTestId('traffic-list').getByText('化工园区周边道路封闭').waitFor();
    await desk.getByTestId('traffic-map').waitFor();
    await screenshot(desk, 'logistics-traffic-desk');
  });
});
