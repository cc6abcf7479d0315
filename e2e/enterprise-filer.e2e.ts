/**
 * In the real browser, at a phone's width: the demo's enterprise filer (企业填报人, `ent_filer`)
 * signs in to the portal, opens "我的企业" (only the two enterprises an operator linked it to),
 * registers today's staff health for the one approved to resume (a fever and an absence are
 * flagged), and changes and submits the other's draft resumption application; the township
 * returns it and the filer finds the decision among its review notices. At a desk, the
 * community's operator links a resident account to an enterprise as its filer and unlinks it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../server/src/modules/demo/seed-demo.js';
import type { MyEnterprise } from '@gridgov/contracts';
import { browserSuite, choose, input, loginAs, screenshot } from './harness.js';
import { staff } from './offline-kit.js';

describe('browser: the enterprise\'s own filer on the portal', () => {
  const suite = browserSuite();

  /** Shows the linked enterprise whose application has this status. */
  async function open(page: Page, status: string): Promise<void> {
    const pick = page.getByTestId('portal-enterprise-pick');
    await pick.click();
    const names = await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').allInnerTexts();
    await page.keyboard.press('Escape');
    assert.equal(names.length, 2, `linked to two enterprises: ${names.join(', ')}`);
    for (const name of names) {
      await choose(page, pick, name);
      await page.getByTestId('portal-enterprise-name').filter({ hasText: name }).waitFor();
      const shown = page.getByTestId('portal-enterprise-status');
      await shown.waitFor();
      if ((await shown.innerText()).includes(status)) return;
    }
    throw new Error(`no linked enterprise with an application ${status}`);
  }

  async function setSwitch(toggle: Locator, on: boolean): Promise<void> {
    if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
  }

  it('registers today\'s staff health and submits the resumption application on a phone', async () => {
    const context = await suite.context({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/`);
    await input(page, 'login-username').fill('ent_filer');
    await input(page, 'login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('portal-home-enterprise').click();
    await page.getByTestId('portal-enterprise').waitFor();
    await page.getByTestId('portal-tab-enterprise').waitFor();

    // The enterprise approved to resume: today's staff health, a fever and an absence flagged.
    await open(page, '已批准复工');
    await page.getByTestId('portal-enterprise-health').waitFor();
    await setSwitch(page.getByTestId('portal-enterprise-health-present-0'), true);
    await setSwitch(page.getByTestId('portal-enterprise-health-present-1'), true);
    await setSwitch(page.getByTestId('portal-enterprise-health-present-2'), false);
    await input(page, 'portal-enterprise-health-temp-0').fill('36.5');
    await input(page, 'portal-enterprise-health-temp-1').fill('38.2');
    await page.getByTestId('portal-enterprise-health-save').click();
    await page.getByTestId('portal-enterprise-health-counts').waitFor();
    await page.getByTestId('portal-enterprise-health-flag-1').filter({ hasText: '异常' }).waitFor();
    await page.getByTestId('portal-enterprise-health-flag-2').filter({ hasText: '缺勤' }).waitFor();
    const text = await page.getByTestId('portal-enterprise-health').innerText();
    assert.ok(!/\d{17}[\dX]/.test(text), 'ID numbers are masked');
    await screenshot(page, 'enterprise-filer-health');

    // The other one's draft: change the staff list, save, submit for review.
    await open(page, '草稿');
    await page.getByTestId('portal-enterprise-edit').click();
    await page.getByTestId('portal-enterprise-form').waitFor();
    await setSwitch(page.getByTestId('portal-enterprise-staff-returning-0'), true);
    await page.getByTestId('portal-enterprise-save').click();
    await page.getByTestId('portal-enterprise-submit').click();
    await page.getByTestId('portal-enterprise-status').filter({ hasText: '待审核' }).waitFor();
    await screenshot(page, 'enterprise-filer-submitted');

    // The township returns it: the decision is a notice for the filer, unread until tapped.
    const filer = await staff(suite.server.url, 'ent_filer');
    const mine = ((await (await filer.get('/api/my-enterprises')).json()) as { items: MyEnterprise[] }).items;
    const sent = mine.find((e) => e.application?.status === 'submitted')!;
    const township = await staff(suite.server.url, 'township_op');
    const back = await township.post(`/api/enterprise-applications/${sent.application!.id}/return`, { data: { version: sent.application!.version, note: '请补充返岗员工名单' } });
    assert.equal(back.status(), 200, await back.text());
    await page.reload();
    const notice = page.locator('[data-testid^="portal-enterprise-notice-"]').filter({ hasText: `【复工申请】${sent.name}的复工申请被退回修改：请补充返岗员工名单` });
    await notice.waitFor();
    assert.equal(await notice.getAttribute('data-read'), 'false');
    await screenshot(page, 'enterprise-filer-notices');
    await notice.click();
    await page.locator('[data-testid^="portal-enterprise-notice-"][data-read="true"]').filter({ hasText: sent.name }).first().waitFor();
    await Promise.all([filer.dispose(), township.dispose()]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 380, `the page fits a phone (${width}px)`);
  });

  it('the community\'s operator links a resident account as an enterprise\'s filer and unlinks it', async () => {
    const context = await suite.context({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await loginAs(page, suite.server.url, 'community_op');
    await page.goto(`${suite.server.url}/#/enterprises/screening`);
    await page.locator('[data-testid^="enterprise-screening-filers-"]').first().click();
    const dialog = page.getByTestId('enterprise-filers-list');
    await dialog.waitFor();
    await input(page, 'enterprise-filers-username').fill('gw1');
    await page.getByTestId('enterprise-filers-link').click();
    await page.getByText('只能指定居民门户账号为企业填报人').first().waitFor();
    await input(page, 'enterprise-filers-username').fill('resident1');
    await page.getByTestId('enterprise-filers-link').click();
    await dialog.getByText('周建华').waitFor();
    await dialog.getByText('有效').waitFor();
    await page.getByTestId('enterprise-filers-unlink-resident1').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await dialog.getByText('已解除').waitFor();
    await screenshot(page, 'enterprise-filer-console');
  });
});
