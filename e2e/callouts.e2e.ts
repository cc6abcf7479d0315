/**
 * In the real browser, outbound call campaigns: the community operator opens yesterday's completed
 * campaign (progress counts, the answer distribution, the prompts to play, the per-target results
 * with masked phones) at desk and phone sizes and downloads its results, drafts a new one with the script editor, which the
 * county approves (never the drafter; its prompts synthesized); the grid worker marks a follow-up an answer raised done.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, browserSuite } from './harness.js';

describe('browser: outbound call campaigns (智能外呼)', () => {
  const suite = browserSuite();

  it('the community operator reads a completed campaign, at desk and phone sizes', async () => {
    for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
      const op = await suite.page('community_op', { viewport, path: '/callouts' });
      const rows = op.getByTestId('callout-list').locator('tbody tr.ant-table-row');
      await rows.first().waitFor();
      await rows.filter({ hasText: '发热及需求排查' }).first().click();
      await op.getByTestId('callout-title').waitFor();
      await op.getByTestId('callout-counts').waitFor();
      await op.getByTestId('callout-targets').locator('tbody tr.ant-table-row').first().waitFor();
      const text = await op.getByTestId('callout-targets').innerText();
      assert.match(text, /1\d{2}\*{4}\d{4}/, 'phones masked');
      assert.doesNotMatch(text, /1\d{10}/, 'no full phone');
      assert.ok((await op.getByTestId('callout-prompts').locator('audio').count()) + (await op.getByTestId('callout-prompts').locator('.ant-tag').count()) >= 4, 'the prompts: playable or marked');
      await screenshot(op, `callouts-view-${viewport.width}`);
      const width = await op.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width + 5, `the view fits (${width}px)`);
      if (viewport.width > 1000) {
        // The results file, with its purpose (counted in the exports' 24-hour ledger).
        await op.getByTestId('callout-export').click();
        await op.getByTestId('callout-purpose').fill('排查复核');
        const [file] = await Promise.all([op.waitForEvent('download'), op.getByTestId('callout-download').click()]);
        assert.match(file.suggestedFilename(), /\.xlsx$/);
      }
    }
  });

  it('drafts a campaign with the script editor; the county approves it', async () => {
    const op = await suite.page('community_op', { viewport: { width: 1366, height: 900 }, path: '/callouts' });
    await op.getByTestId('callout-create').click();
    await op.getByTestId('callout-name').fill('浏览器外呼测试');
    await screenshot(op, 'callouts-create');
    await op.locator('#callout-create-ok').click();
    await op.getByTestId('callout-title').filter({ hasText: '浏览器外呼测试' }).waitFor();
    // The two-person rule: the drafter has no approve button; the county approves.
    await op.getByTestId('callout-counts').waitFor();
    assert.equal(await op.getByTestId('callout-approve').count(), 0, 'the drafter cannot approve');
    const path = new URL(op.url()).hash.slice(1);
    const county = await suite.page('county_op', { viewport: { width: 1366, height: 900 }, path });
    await county.getByTestId('callout-title').filter({ hasText: '浏览器外呼测试' }).waitFor();
    await county.getByTestId('callout-approve').click();
    await county.getByTestId('callout-start').waitFor();
    await op.reload();
    await op.getByTestId('callout-start').waitFor();
    const prompts = op.getByTestId('callout-prompts');
    await prompts.getByText('您家中是否有人发热？', { exact: false }).first().waitFor();
  });

  it('the grid worker marks a follow-up done on the phone', async () => {
    const gw = await suite.page('gw1', { viewport: { width: 390, height: 844 }, path: '/callouts/tasks' });
    const done = gw.getByTestId('callout-task-done');
    await done.first().waitFor();
    const before = await done.count();
    await screenshot(gw, 'callouts-tasks-390');
    await done.first().click();
    await gw.locator('.ant-message').filter({ hasText: '已标记为已回访' }).waitFor();
    await gw.waitForFunction((n) => document.querySelectorAll('[data-testid="callout-task-done"]').length === n - 1, before);
  });
});
