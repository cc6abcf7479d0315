/**
 * In the real browser, a broadcast: the community operator drafts a water-cut notice from the
 * shipped template at the desk, sees the recipient counts before saving, and submits it; the
 * township operator approves it on the phone and sees its delivery counts; the loudspeakers tab
 * draws its map at both sizes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, browserSuite } from './harness.js';

describe('browser: broadcast', () => {
  const suite = browserSuite();

  it('drafted with a recipient preview at the desk, approved by a second person on the phone', async () => {
    const op = await suite.page('community_op', { viewport: { width: 1366, height: 900 }, path: '/broadcasts' });
    await op.getByTestId('broadcast-new').click();
    await op.getByTestId('broadcast-title').fill('停水通知（浏览器）');
    await op.getByTestId('broadcast-template').click();
    await op.locator('.ant-select-item-option').filter({ hasText: '停水通知' }).first().click();
    await op.getByTestId('broadcast-param-reason').fill('管网抢修');
    await op.getByTestId('broadcast-param-area').fill('幸福小区');
    await op.getByTestId('broadcast-param-start').fill('明日9时');
    await op.getByTestId('broadcast-param-end').fill('17时');
    await op.getByTestId('broadcast-preview').click();
    await op.getByTestId('broadcast-preview-counts').waitFor();
    assert.match((await op.getByTestId('broadcast-preview-counts').textContent()) ?? '', /短信 [\d,]+ 人/);
    await screenshot(op, 'broadcast-draft-1366');
    await op.locator('.ant-modal-footer .ant-btn-primary').click();
    await op.getByTestId('broadcast-drawer').waitFor();
    await op.getByTestId('broadcast-step-submit').click();
    await op.getByTestId('broadcast-status').filter({ hasText: '待审批' }).waitFor();
    // The drafter is offered no approval (two-person rule).
    assert.equal(await op.getByTestId('broadcast-step-approve').count(), 0);
    await screenshot(op, 'broadcast-submitted-1366');

    const approver = await suite.page('township_op', { viewport: { width: 390, height: 844 }, path: '/broadcasts' });
    const rows = approver.getByTestId('broadcast-list').locator('tbody tr.ant-table-row');
    await rows.filter({ hasText: '停水通知（浏览器）' }).first().click();
    await approver.getByTestId('broadcast-step-approve').click();
    await approver.getByTestId('broadcast-status').filter({ hasText: /已批准|发送中|已发送/ }).waitFor();
    await approver.getByTestId('broadcast-counts').waitFor({ timeout: 20_000 });
    await screenshot(approver, 'broadcast-approved-390');
    const width = await approver.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 395, `the page fits the phone (${width}px)`);
  });

  it('lists the loudspeakers on a map at desk and phone sizes', async () => {
    for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
      const op = await suite.page('county_op', { viewport, path: '/broadcasts?tab=loudspeakers' });
      await op.locator('[data-testid="loudspeaker-map"][data-ready="true"]').waitFor();
      assert.ok(Number(await op.getByTestId('loudspeaker-map').getAttribute('data-points')) >= 1, 'the demo loudspeakers on the map');
      await screenshot(op, `broadcast-loudspeakers-${viewport.width}`);
      const width = await op.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width + 5, `the page fits (${width}px)`);
    }
  });
});
