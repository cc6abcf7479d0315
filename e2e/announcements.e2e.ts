/**
 * In the real browser, the kit's worked example: a township operator drafts an announcement on
 * the config-driven record page and submits it (the form refuses a title too short, as the
 * contract says); the county operator publishes it from the detail drawer, at a phone's width;
 * the author can no longer edit it, and a resident below the township reads it on the portal.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../server/src/modules/demo/seed-demo.js';
import { input, loginAs, screenshot, browserSuite } from './harness.js';

const TITLE = '关于小区二次供水设施清洗的通知';

async function openRow(page: Page): Promise<void> {
  const row = page.getByTestId('announcements-table').locator('tr', { hasText: TITLE }).first();
  await row.waitFor();
  await row.locator('[data-testid^="announcements-open-"]').click();
}

describe('browser: announcements', () => {
  const suite = browserSuite();

  async function as(username: string, viewport: { width: number; height: number }): Promise<Page> {
    const context = await suite.context({ viewport });
    const page = await context.newPage();
    await loginAs(page, suite.server.url, username);
    await page.goto(`${suite.server.url}/#/announcements`);
    await page.getByTestId('announcements-page').waitFor();
    return page;
  }

  it('a township operator drafts and submits; the county publishes on a phone; the author can no longer edit', async () => {
    const author = await as('township_op', { width: 1280, height: 900 });
    await author.getByTestId('announcements-create').click();
    await input(author, 'announcements-form-title').fill('短');
    await input(author, 'announcements-form-body').fill('本周六上午9时至12时清洗二次供水设施，期间停水，请提前储水。');
    await author.getByTestId('announcements-form-submit').click();
    await author.locator('#title_help, .ant-form-item-explain-error').first().waitFor();
    await input(author, 'announcements-form-title').fill(TITLE);
    await author.getByTestId('announcements-form-submit').click();
    await author.getByTestId('announcements-form').waitFor({ state: 'hidden' });
    // The new record opens in the detail drawer.
    await author.getByTestId('announcements-step-submit').click();
    await author.locator('.ant-popconfirm .ant-btn-primary').click();
    await author.getByText('已提交审核').first().waitFor();
    assert.equal(await author.getByTestId('announcements-step-publish').count(), 0, 'the author may not publish their own');
    await screenshot(author, 'announcements-desk');

    const publisher = await as('county_op', { width: 375, height: 800 });
    await openRow(publisher);
    await publisher.getByTestId('announcements-step-publish').click();
    await publisher.locator('.ant-popconfirm .ant-btn-primary').click();
    await publisher.getByText('已发布').first().waitFor();
    await screenshot(publisher, 'announcements-phone');
    const width = await publisher.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 380, `the page fits a phone (${width}px)`);

    // The author's page, read again, keeps the open record (?id=) and shows it published.
    await author.reload();
    await author.getByTestId('announcements-page').waitFor();
    await author.locator('.ant-drawer').getByText('已发布').first().waitFor();
    assert.equal(await author.locator('[data-testid^="announcements-edit-"]').count(), 0, 'a published announcement is not edited');

    // A resident of a community under the township reads it on the portal's first page.
    const context = await suite.context({ viewport: { width: 375, height: 800 } });
    const resident = await context.newPage();
    await resident.goto(`${suite.server.url}/`);
    await input(resident, 'login-username').fill('resident1');
    await input(resident, 'login-password').fill(DEMO_PASSWORD);
    await resident.getByTestId('login-submit').click();
    await resident.getByTestId('portal-announcements').getByText(TITLE).click();
    await resident.getByTestId('portal-announcements').getByText('期间停水').waitFor();
    await screenshot(resident, 'announcements-portal');
  });
});
