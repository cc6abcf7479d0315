/**
 * In the real browser, at a desk: the county operator opens a submitted resumption application
 * of the demo, sees its staff list masked, returns it with a reason, resubmits it (operators may
 * file on an enterprise's behalf), approves it, and sees every step on its timeline.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loginAs, screenshot, browserSuite } from './harness.js';

describe('browser: enterprise resumption review', () => {
  const suite = browserSuite();

  async function step(page: Page, action: string, note?: string): Promise<void> {
    if (note) await page.getByTestId('enterprise-applications-step-note').fill(note);
    await page.getByTestId(`enterprise-applications-step-${action}`).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
  }

  it('returns a submitted application with a reason, resubmits and approves it', async () => {
    const context = await suite.context({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await loginAs(page, suite.server.url, 'county_op');
    await page.goto(`${suite.server.url}/#/enterprises/applications`);
    await page.getByTestId('enterprise-applications-page').waitFor();
    const row = page.getByTestId('enterprise-applications-table').locator('tr', { hasText: '待审核' }).first();
    await row.waitFor();
    await row.locator('[data-testid^="enterprise-applications-open-"]').click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByTestId('enterprise-applications-step-approve').waitFor();

    await step(page, 'return', '请补充员工分批返岗安排');
    await drawer.getByText('退回修改').first().waitFor();
    await step(page, 'submit');
    await drawer.getByTestId('enterprise-applications-step-approve').waitFor();
    await step(page, 'approve');
    await drawer.getByText('已批准复工').first().waitFor();
    assert.equal(await page.getByTestId('enterprise-applications-step-approve').count(), 0, 'an approved one is not approved again');

    // The staff list is masked.
    await drawer.getByRole('tab', { name: '员工名单' }).click();
    const staff = await drawer.getByTestId('enterprise-applications-staff').innerText();
    assert.match(staff, /\*/);
    assert.doesNotMatch(staff, /\d{17}[\dX]/, 'no full ID number');
    // The timeline holds the return with its reason.
    await drawer.getByRole('tab', { name: '办理过程' }).click();
    await drawer.getByText('请补充员工分批返岗安排').first().waitFor();
    await screenshot(page, 'enterprises-review-desk');
  });
});
