/**
 * In the real browser, as the system admin: the form configuration page with the seeded
 * door-to-door survey; the renderer shows and hides fields by answer, adds household members,
 * shows the engine's errors as you type and the server's on their fields; the JSON editor
 * reports definition problems as you type, saves a draft and publishes it. Then the same at a
 * phone's width (375 px): the page and the form fit, "use my location" fills the point, a
 * signature is drawn.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { choose, input, launchBrowser, loginAs, screenshot, startServer, type E2eServer } from './harness.js';

const SURVEY = 'epidemic.household_survey';

function field(page: Page, path: string): Locator {
  return page.getByTestId(`preview-${path}`);
}

async function openSurvey(page: Page): Promise<void> {
  await page.goto(`${page.url().split('#')[0]}#/forms`);
  await page.getByTestId('forms-page').waitFor();
  await page.getByTestId(`forms-version-${SURVEY}-1`).click();
  await page.getByTestId('preview').waitFor();
  await page.getByTestId('forms-editor-ok').waitFor();
}

/** Fills in the first member as far as the fever. */
async function feverishMember(page: Page): Promise<void> {
  await field(page, 'visit_result').getByText('见到住户').click();
  await field(page, 'members[0]').waitFor();
  await input(page, 'preview-members[0].name-input').fill('张三');
  await choose(page, field(page, 'members[0].relation').locator('.ant-select'), '户主');
  await input(page, 'preview-members[0].temperature-input').fill('38.5');
}

describe('browser: forms', () => {
  let server: E2eServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  describe('at a desk', () => {
    let context: BrowserContext;
    let page: Page;
    before(async () => {
      context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      await loginAs(page, server.url, 'sysadmin');
    });
    after(() => context?.close());

    it('lists the seeded forms and renders the survey from its definition', async () => {
      await page.getByTestId('menu-forms').click();
      await page.getByTestId(`forms-version-${SURVEY}-1`).waitFor();
      const list = await page.getByTestId('forms-list').innerText();
      assert.match(list, /入户走访摸排/);
      assert.match(list, /矛盾纠纷登记/);
      await openSurvey(page);
      assert.equal(await page.getByTestId('forms-editor-status').innerText(), '第 1 版 · 已发布');
      await page.getByTestId('forms-editor-readonly').waitFor();
      assert.match(await page.getByTestId('preview').innerText(), /入户走访摸排[\s\S]*住址[\s\S]*走访情况/);
    });

    it('shows and hides fields by answer, inside household members too', async () => {
      assert.equal(await field(page, 'members').count(), 0, 'no members before the household is met');
      await field(page, 'visit_result').getByText('无人在家').click();
      await field(page, 'visit_note').waitFor();
      await feverishMember(page);
      assert.equal(await field(page, 'visit_note').count(), 0, 'the note goes when the household is met');
      // A fever shows the fever handling (a `some` over the members) and raises the alert on that member.
      await field(page, 'fever_referral').waitFor();
      await page.getByTestId('preview-alerts-fever-members[0]').waitFor();
      assert.equal(await field(page, 'members[0].arrived_on').count(), 0);
      await field(page, 'members[0].travelled').getByText('是', { exact: true }).click();
      await field(page, 'members[0].arrived_on').waitFor();
      await field(page, 'members[0].travelled').getByText('否', { exact: true }).click();
      await field(page, 'members[0].arrived_on').waitFor({ state: 'detached' });
    });

    it('adds a household member and shows a field error as it is typed', async () => {
      await page.getByTestId('preview-members-add').click();
      await field(page, 'members[1]').waitFor();
      assert.match(await field(page, 'members[1]').innerText(), /成员 2/);
      await input(page, 'preview-members[1].temperature-input').fill('45');
      await field(page, 'members[1].temperature').locator('.ant-form-item-explain-error').filter({ hasText: '不能大于 43 ℃' }).waitFor();
      await input(page, 'preview-members[1].id_number-input').fill('110105194912310021');
      await field(page, 'members[1].id_number').locator('.ant-form-item-explain-error').filter({ hasText: '校验位' }).waitFor();
      await input(page, 'preview-members[1].temperature-input').fill('36.6');
      await field(page, 'members[1].temperature').locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
      await screenshot(page, 'forms-desk-preview');
    });

    it('puts the server\'s errors on their fields', async () => {
      await page.getByTestId('forms-preview-check').click();
      // The server finds what is still missing, e.g. the second member's name.
      await field(page, 'members[1].name').locator('.ant-form-item-explain-error').filter({ hasText: '此项必填' }).waitFor();
      await field(page, 'fever_referral').locator('.ant-form-item-explain-error').waitFor();
      await input(page, 'preview-members[1].name-input').fill('李四');
      await field(page, 'members[1].name').locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
      // Removing the first member moves the second one up, with its answers.
      await page.getByTestId('preview-members[0]-remove').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await field(page, 'members[1]').waitFor({ state: 'detached' });
      assert.equal(await input(page, 'preview-members[0].name-input').inputValue(), '李四');
      await page.getByTestId('preview-alerts-none').waitFor();
    });

    it('checks the definition as it is typed, then saves a new version as a draft and publishes it', async () => {
      await page.getByTestId('forms-new-version').click();
      const editor = page.getByTestId('forms-editor-json');
      const text = await editor.inputValue();
      assert.match(text, /"version": 2/);
      await editor.fill(text.replace('"key": "address"', '"key": "address'));
      await page.getByTestId('forms-editor-json-error').waitFor();
      await editor.fill(text.replace('"field": "visit_result"', '"field": "visit_outcome"'));
      const problem = page.getByTestId('forms-editor-problem').first();
      await problem.waitFor();
      assert.match(await problem.innerText(), /fields\[\d+\]\.showIf\.field[\s\S]*visit_outcome/);
      await screenshot(page, 'forms-desk-editor-problem');
      await editor.fill(text.replace('"zh": "入户走访摸排"', '"zh": "入户走访摸排（第二版）"'));
      await page.getByTestId('forms-editor-ok').waitFor();
      await page.getByTestId('forms-save').click();
      await page.getByTestId('forms-editor-status').filter({ hasText: '第 2 版 · 草稿' }).waitFor();
      await page.getByTestId('forms-publish').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await page.getByTestId('forms-editor-status').filter({ hasText: '第 2 版 · 已发布' }).waitFor();
      await page.getByTestId(`forms-version-${SURVEY}-2`).filter({ hasText: '已发布' }).waitFor();
      assert.match(await page.getByTestId('preview').innerText(), /入户走访摸排（第二版）/);
    });
  });

  describe('at a phone\'s width (375 px)', () => {
    let context: BrowserContext;
    let page: Page;
    before(async () => {
      context = await browser.newContext({
        locale: 'zh-CN',
        // Not isMobile: the console's header does not wrap yet and would widen the layout viewport.
        viewport: { width: 375, height: 812 },
        hasTouch: true,
        geolocation: { longitude: 111.6987, latitude: 29.0318 },
        permissions: ['geolocation'],
      });
      page = await context.newPage();
      await loginAs(page, server.url, 'sysadmin');
    });
    after(() => context?.close());

    it('fits the page, shows and hides, adds a member and shows an error', async () => {
      await openSurvey(page);
      await page.getByTestId('forms-preview-phone').click();
      await page.getByTestId('forms-preview-frame').and(page.locator('[data-width="phone"]')).waitFor();
      await feverishMember(page);
      await field(page, 'fever_referral').waitFor();
      await page.getByTestId('preview-members-add').click();
      await field(page, 'members[1]').waitFor();
      await input(page, 'preview-members[1].phone-input').fill('12345');
      await field(page, 'members[1].phone').locator('.ant-form-item-explain-error').filter({ hasText: '电话号码不正确' }).waitFor();
      // The page and the form fit the phone's width, and the form has nothing to scroll sideways.
      const right = (testId: string) => page.getByTestId(testId).evaluate((el) => el.getBoundingClientRect().right);
      assert.ok((await right('forms-page')) <= 375, 'the page fits');
      assert.ok((await right('preview')) <= 375, 'the form fits');
      assert.ok(await page.getByTestId('preview').evaluate((el) => el.scrollWidth <= el.clientWidth), 'the form does not scroll sideways');
      await field(page, 'members[1]').scrollIntoViewIfNeeded();
      await screenshot(page, 'forms-phone-preview');
    });

    it('takes the device location and a drawn signature', async () => {
      await page.getByTestId('preview-place-input-mine').click();
      await page.getByTestId('preview-place-input-point').filter({ hasText: '111.698700, 29.031800' }).waitFor();
      const canvas = page.getByTestId('preview-resident_signature-input-canvas');
      await canvas.scrollIntoViewIfNeeded();
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + 20, box.y + 100);
      await page.mouse.down();
      for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 20, box.y + 100 - Math.sin(i / 2) * 40);
      await page.mouse.up();
      await page.getByTestId('preview-resident_signature-input-confirm').click();
      await page.getByTestId('preview-resident_signature-input-image').waitFor();
      await screenshot(page, 'forms-phone-signature');
    });
  });
});
