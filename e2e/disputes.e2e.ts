/**
 * In the real browser: the county's command centre registers a dispute with two parties from the
 * form definition (disputes.register), assigns it, records a session, reaches an agreement and
 * downloads the 人民调解协议书 (a .docx holding the parties' names and the terms), follows it up
 * and closes it; the list fits a phone.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import yauzl from 'yauzl';
import type { Locator, Page } from 'playwright-core';
import { idCheckChar } from '@gridgov/contracts';
import { choose, input, loginAs, screenshot, browserSuite } from './harness.js';

const NAME = '浏览器登记的排水沟纠纷';
const id = (first17: string) => first17 + idCheckChar(first17);

function documentXml(docx: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(docx, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== 'word/document.xml') return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      });
      zip.on('end', () => reject(new Error('no word/document.xml')));
      zip.readEntry();
    });
  });
}

async function pickDate(picker: Locator, day: string): Promise<void> {
  await picker.click();
  await picker.fill(day);
  await picker.press('Enter');
}

async function radio(scope: Locator, label: string): Promise<void> {
  await scope.locator('label.ant-radio-wrapper', { hasText: label }).first().click();
}

describe('browser: disputes', () => {
  const suite = browserSuite();

  async function as(username: string, viewport: { width: number; height: number }): Promise<Page> {
    const context = await suite.context({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    await loginAs(page, suite.server.url, username);
    await page.goto(`${suite.server.url}/#/disputes`);
    await page.getByTestId('disputes-page').waitFor();
    return page;
  }

  it('registers a dispute with two parties, assigns, mediates, downloads the agreement, follows up and closes', async () => {
    const page = await as('county_op', { width: 1280, height: 900 });
    await page.getByTestId('disputes-register').click();
    const dialog = page.getByTestId('disputes-register-dialog');
    await page.getByTestId('dispute-form').waitFor();
    const grid = page.getByTestId('disputes-register-grid');
    await grid.click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click();

    await input(page, 'dispute-form-name-input').fill(NAME);
    await pickDate(input(page, 'dispute-form-occurred_on-input'), '2026-11-20');
    await input(page, 'dispute-form-place-input').fill('幸福村三组');
    await radio(page.getByTestId('dispute-form-scale'), '一般');
    await choose(page, page.getByTestId('dispute-form-category-input'), '邻里纠纷');
    await input(page, 'dispute-form-people_count-input').fill('2');
    await input(page, 'dispute-form-summary-input').fill('两户因宅前排水沟堵塞、雨水倒灌发生争执。');
    if ((await page.getByTestId('dispute-form-parties[0]').count()) === 0) await page.getByTestId('dispute-form-parties-add').click();
    await input(page, 'dispute-form-parties[0].name-input').fill('孙建国');
    await input(page, 'dispute-form-parties[0].id_number-input').fill(id('43070219800101123'));
    await radio(page.getByTestId('dispute-form-parties[0].sex'), '男');
    await page.getByTestId('dispute-form-parties-add').click();
    await input(page, 'dispute-form-parties[1].name-input').fill('周秀英');
    await input(page, 'dispute-form-parties[1].id_number-input').fill(id('43070219820202234'));
    await radio(page.getByTestId('dispute-form-parties[1].sex'), '女');
    await pickDate(input(page, 'dispute-form-deadline-input'), '2026-12-31');
    await page.getByTestId('disputes-register-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByTestId('disputes-table').locator('tr', { hasText: NAME }).first();
    await row.waitFor();
    await row.locator('[data-testid^="disputes-open-"]').click();
    // The parties' tab: names, the ID numbers masked.
    await page.locator('.ant-drawer .ant-tabs-tab', { hasText: '当事人' }).click();
    await page.getByTestId('disputes-parties').getByText('孙建国').waitFor();
    assert.ok(!(await page.getByTestId('disputes-parties').innerText()).includes('198001011'), 'the ID number is masked');
    await page.locator('.ant-drawer .ant-tabs-tab').first().click();

    const step = async (action: string, fill: () => Promise<void>, status: string) => {
      await page.getByTestId(`disputes-step-${action}`).click();
      await fill();
      await page.getByTestId('disputes-step-ok').click();
      await page.locator('.ant-drawer').getByText(status).first().waitFor();
    };
    await step('assign', async () => {
      await choose(page, page.getByTestId('disputes-step-field-mediatorLevel'), '人民调解委员会');
      await input(page, 'disputes-step-field-mediatorName').fill('王调解');
      await choose(page, page.getByTestId('disputes-step-field-resolutionWay'), '人民调解');
    }, '已分派');
    await step('record_session', async () => {
      await pickDate(input(page, 'disputes-step-field-heldOn'), '2026-11-22');
      await input(page, 'disputes-step-field-place').fill('村委会调解室');
      await input(page, 'disputes-step-field-attendees').fill('孙建国、周秀英、王调解');
      await input(page, 'disputes-step-field-notes').fill('现场查看后双方同意共同疏通');
    }, '调解中');
    await step('agree', async () => {
      await input(page, 'disputes-step-field-terms').fill('孙建国于十日内疏通排水沟，周秀英承担费用三百元。');
      await input(page, 'disputes-step-field-fulfilmentWay').fill('当场支付');
      await pickDate(input(page, 'disputes-step-field-fulfilmentDeadline'), '2026-12-05');
    }, '已达成协议');
    await page.getByTestId('disputes-terms').waitFor();
    await screenshot(page, 'disputes-desk');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('disputes-agreement').click()]);
    const file = await download.path();
    const text = (await documentXml(fs.readFileSync(file))).replace(/<[^>]+>/g, '');
    for (const expected of ['人民调解协议书', '孙建国', '周秀英', '孙建国于十日内疏通排水沟']) assert.ok(text.includes(expected), `the agreement names ${expected}`);

    await step('follow_up', async () => {
      await input(page, 'disputes-step-field-note').fill('回访：已疏通，费用已付');
    }, '已回访');
    await step('close', async () => {
      await input(page, 'disputes-step-field-outcome').fill('调解成功，协议已履行');
      await pickDate(input(page, 'disputes-step-field-evaluatedOn'), '2026-12-06');
      await input(page, 'disputes-step-field-opinion').fill('当事人满意');
    }, '已办结');

    const phone = await as('county_op', { width: 375, height: 800 });
    await phone.getByTestId('disputes-table').locator('tr', { hasText: NAME }).first().waitFor();
    await screenshot(phone, 'disputes-phone');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 380, `the list fits a phone (${width}px)`);
  });
});
