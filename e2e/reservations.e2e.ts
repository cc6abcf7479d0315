/**
 * In the real browser, supplies reservation (口罩预约): a visitor without an account reserves
 * masks on the portal at a phone's width, gets the pickup code, is refused a second time with
 * the same ID number and finds the code again by ID number and phone; the grid worker of the
 * point's community confirms the pickup with that code at the desk, and the same code is refused
 * the second time.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { idCheckChar } from '@gridgov/contracts';
import { input, loginAs, screenshot, browserSuite } from './harness.js';

const FIRST17 = '43070219880808123';
const ID_NUMBER = FIRST17 + idCheckChar(FIRST17);
const PHONE = '13912345678';

describe('browser: supplies reservation', () => {
  const suite = browserSuite();
  let code = '';

  async function page(viewport: { width: number; height: number }): Promise<Page> {
    const context = await suite.context({ viewport });
    return context.newPage();
  }

  const fill = async (p: Page, withName: boolean) => {
    if (withName) await input(p, 'portal-reserve-name').fill('谢晓明');
    await input(p, 'portal-reserve-id').fill(ID_NUMBER);
    await input(p, 'portal-reserve-phone').fill(PHONE);
    await p.getByTestId('portal-reserve-submit').click();
  };

  it('a visitor reserves on a phone, gets the code, is refused a second time and finds the code again', async () => {
    const visitor = await page({ width: 375, height: 800 });
    await visitor.goto(`${suite.server.url}/#/portal`);
    await visitor.getByTestId('portal-home-reserve').click();
    await visitor.getByTestId('portal-reserve').waitFor();
    const drive = visitor.getByTestId('portal-reserve-drive').first();
    await drive.getByText('社区卫生服务站').click();
    await fill(visitor, true);
    await visitor.getByTestId('portal-reserve-code').waitFor();
    code = (await visitor.getByTestId('portal-reserve-code').innerText()).trim();
    assert.match(code, /^\d{8}$/);
    const receipt = await visitor.getByTestId('portal-reserve-receipt').innerText();
    assert.ok(receipt.includes('社区卫生服务站') && !receipt.includes(ID_NUMBER), receipt);
    await screenshot(visitor, 'reservations-portal-code');
    const width = await visitor.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 380, `the page fits a phone (${width}px)`);

    await visitor.reload();
    await visitor.getByTestId('portal-reserve').waitFor();
    await visitor.getByTestId('portal-reserve-drive').first().getByText('益丰大药房').click();
    await fill(visitor, true);
    await visitor.getByTestId('portal-reserve-error').getByText('已预约').waitFor();

    await visitor.getByTestId('portal-reserve-mode-lookup').first().click();
    await fill(visitor, false);
    await visitor.getByTestId('portal-reserve-code').waitFor();
    assert.equal((await visitor.getByTestId('portal-reserve-code').innerText()).trim(), code);
  });

  it('the grid worker of the point\'s community confirms the pickup with the code, once', async () => {
    assert.ok(code, 'the first test gave a code');
    const worker = await page({ width: 1280, height: 900 });
    await loginAs(worker, suite.server.url, 'gw1');
    await worker.goto(`${suite.server.url}/#/reservations`);
    await worker.getByTestId('reservations-page').waitFor();
    const row = worker.getByTestId('reservations-table').locator('tr', { hasText: '预约中' }).first();
    await row.waitFor();
    await row.locator('[data-testid^="reservations-open-"]').click();
    // Pickup staff see only their own point, and may not run the drive.
    await worker.getByTestId('reservations-points').getByText('社区卫生服务站').waitFor();
    assert.equal(await worker.getByTestId('reservations-points').getByText('益丰大药房').count(), 0);
    assert.equal(await worker.getByTestId('reservations-step-close').count(), 0);
    await input(worker, 'reservations-pickup-code').fill(code);
    await worker.getByTestId('reservations-pickup-confirm').click();
    await worker.getByTestId('reservations-pickup-result').getByText('谢**').waitFor();
    await screenshot(worker, 'reservations-pickup');
    await input(worker, 'reservations-pickup-code').fill(code);
    await worker.getByTestId('reservations-pickup-confirm').click();
    await worker.getByText('该领取码已核销').first().waitFor();
  });
});
