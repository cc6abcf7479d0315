/**
 * In the real browser: the community operator states a purpose, lists the overdue archives,
 * opens one and raises its risk level with a reason (seen in the history); the grid worker logs
 * a visit on a phone; a department handler has no menu entry and the API refuses them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { choose, input, screenshot, browserSuite } from './harness.js';

describe('browser: key persons', () => {
  const suite = browserSuite();

  const as = (username: string, viewport: { width: number; height: number }, path: string) => suite.page(username, { viewport, path });

  async function statePurpose(page: Page, purpose: string): Promise<void> {
    await page.getByTestId('kp-purpose-gate').waitFor();
    await input(page, 'kp-purpose-input').fill(purpose);
    await page.getByTestId('kp-purpose-confirm').click();
    await page.getByTestId('kp-purpose-current').waitFor();
  }

  it('the operator lists overdue visits, opens an archive with a purpose and raises its risk with a reason', async () => {
    const op = await as('community_op', { width: 1280, height: 900 }, '/keypersons?overdue=true');
    await statePurpose(op, '月度风险研判');
    const table = op.getByTestId('keypersons-table');
    await table.locator('[data-testid^="keypersons-overdue-"]').first().waitFor();
    const adult = table.locator('tbody tr', { hasNotText: '未成年人' }).filter({ has: op.locator('[data-testid^="keypersons-overdue-"]') }).first();
    const before = await adult.innerText();
    await adult.locator('[data-testid^="keypersons-open-"]').click();
    await op.getByTestId('keypersons-detail-fields').waitFor();
    await screenshot(op, 'keypersons-desk');

    await op.getByTestId('keypersons-step-change_risk').click();
    const target = before.includes('高') ? '低' : '高';
    await choose(op, op.getByTestId('keypersons-step-risk'), target);
    await input(op, 'keypersons-step-reason').fill('走访发现情况变化，经研判调整');
    await op.getByTestId('keypersons-step-ok').click();
    await op.getByText('风险等级已调整').first().waitFor();
    await op.locator('.ant-drawer .ant-tabs-tab', { hasText: '风险等级变更' }).click();
    await op.getByTestId('keypersons-risk-history').getByText('走访发现情况变化，经研判调整').waitFor();
  });

  it('a grid worker logs a visit at a phone\'s width', async () => {
    const gw = await as('gw1', { width: 375, height: 800 }, '/keypersons/visit');
    await statePurpose(gw, '入户走访');
    const first = gw.locator('[data-testid^="kp-visit-pick-"]').first();
    await first.waitFor();
    await first.click();
    await input(gw, 'kp-visit-findings').fill('本人在家，情绪稳定，近期在附近工地务工');
    await gw.getByTestId('kp-visit-send').click();
    await gw.getByText('走访已登记').first().waitFor();
    await gw.locator('[data-testid^="kp-visit-pick-"]').first().waitFor();
    await screenshot(gw, 'keypersons-visit-phone');
    const width = await gw.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 380, `the page fits a phone (${width}px)`);
  });

  it('a department handler sees no menu entry and the API refuses them', async () => {
    const handler = await as('handler', { width: 1280, height: 900 }, '/');
    await handler.locator('.ant-menu').first().waitFor();
    assert.equal(await handler.locator('.ant-menu').getByText('重点人员').count(), 0);
    const list = await handler.context().request.get(`${suite.server.url}/api/keypersons`);
    assert.ok([403, 404].includes(list.status()), `${list.status()}`);
    const one = await handler.context().request.get(`${suite.server.url}/api/keypersons/00000000-0000-4000-8000-000000000001?purpose=x`);
    assert.ok([403, 404].includes(one.status()), `${one.status()}`);
    await handler.goto(`${suite.server.url}/#/keypersons`);
    assert.equal(await handler.getByTestId('keypersons-table').count(), 0);
  });
});
