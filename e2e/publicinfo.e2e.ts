/**
 * In the real browser, public information on the portal at a phone's width: a signed-in resident
 * opens 防疫信息, keeps only the facilities open now and finds a fever clinic among them, searches
 * the rumour rebuttals by a word, and reads an answered question (the asker's phone masked).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { DEMO_PASSWORD } from '../server/src/modules/demo/seed-demo.js';
import { input, launchBrowser, screenshot, startServer, type E2eServer } from './harness.js';

describe('browser: public information on the portal', () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('a resident on a phone finds an open fever clinic, a rebuttal by word, and an answered question', async () => {
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 800 } });
    const phone = await context.newPage();
    // A resident lands on the portal after signing in.
    await phone.goto(`${server.url}/`);
    await input(phone, 'login-username').fill('resident1');
    await input(phone, 'login-password').fill(DEMO_PASSWORD);
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('portal-home-info').click();
    await phone.getByTestId('portal-facilities').waitFor();
    await phone.getByTestId('portal-facilities-open').click();
    const clinic = phone.getByTestId('portal-facility').filter({ hasText: '发热门诊' }).filter({ hasText: '营业中' }).first();
    await clinic.waitFor();
    assert.equal(await phone.getByTestId('portal-facility').filter({ hasText: '已休息' }).count(), 0, 'only open ones are listed');
    await screenshot(phone, 'publicinfo-portal-clinics');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 380, `the page fits a phone (${width}px)`);

    await phone.getByTestId('portal-info-tabs').getByText('辟谣').click();
    await phone.getByTestId('portal-rebuttals-search').locator('input').fill('白酒');
    await phone.getByTestId('portal-rebuttals-search').locator('input').press('Enter');
    await phone.getByTestId('portal-rebuttal').filter({ hasText: '熏醋' }).waitFor();
    assert.equal(await phone.getByTestId('portal-rebuttal').count(), 1);

    await phone.getByTestId('portal-info-tabs').getByText('在线咨询').click();
    const answered = phone.getByTestId('portal-consultation').filter({ hasText: '发热门诊晚上开吗' });
    await answered.waitFor();
    assert.ok((await answered.innerText()).includes('24小时'));
    const all = await phone.getByTestId('portal-consultations').innerText();
    assert.ok(all.includes('138****1234') && !all.includes('13807361234'), 'the phone typed into a question is masked');
    await screenshot(phone, 'publicinfo-portal-questions');
  });
});
