/**
 * In the real browser, a community operator drafts a survey campaign the way a clerk would: the
 * region picked from the tree by name, the form by its title, the households from an uploaded
 * CSV list (one number in it matches nothing), the form's alert rules replaced by one of their
 * own (a member's temperature of 38 or more files a ticket) and the ticket category by name.
 * The campaign, read through the API, holds exactly that; its page shows the number that matched
 * nothing and the rule in words, at a desk and at a phone's width. An operator downloads a
 * campaign's answers for a stated purpose.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Category, Region, SurveyCampaign } from '@gridgov/contracts';
import { choose, input, launchBrowser, loginAs, screenshot, startServer, type E2eServer } from './harness.js';

const NAME = '冬季发热人员名单走访';
const NOBODY = 'NOPE-0000';

/** Picks a node of an antd TreeSelect by its title. */
async function pickTree(page: Page, select: Locator, title: string): Promise<void> {
  await select.click();
  const node = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper').filter({ hasText: title }).first();
  await node.waitFor();
  await node.click();
  await select.filter({ hasText: title }).waitFor({ timeout: 5000 });
}

describe('browser: survey campaigns in the console', () => {
  let server: E2eServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let dir: string;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-campaign-list-'));
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function as(username: string, viewport: { width: number; height: number }, hash = '/campaigns'): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport });
    contexts.push(context);
    const page = await context.newPage();
    await loginAs(page, server.url, username);
    await page.goto(`${server.url}/#${hash}`);
    await page.getByTestId('campaigns-page').waitFor();
    return page;
  }

  it('a community operator creates a campaign with the pickers, an uploaded list and one alert rule; the page shows what matched nothing', async () => {
    const page = await as('community_op', { width: 1280, height: 900 });
    const get = async <T>(url: string): Promise<T> => {
      const res = await page.request.get(`${server.url}${url}`);
      assert.equal(res.status(), 200, `${url}: ${await res.text()}`);
      return (await res.json()) as T;
    };
    // What the clerk sees on the screen, read for the assertions: their community, two of its households, the survey form's title, a category.
    const [community] = await get<Region[]>('/api/regions');
    const households = await get<{ items: { number: string }[] }>('/api/households?pageSize=2');
    assert.equal(households.items.length, 2, 'the demo community has households');
    const numbers = households.items.map((h) => h.number);
    const survey = await get<{ title: { zh: string } }>('/api/forms/epidemic.household_survey/current');
    const categories = (await get<{ items: Category[] }>('/api/ticket-categories')).items.filter((c) => c.active);
    const category = categories.find((c) => !categories.some((d) => d.parentId === c.id))!;
    const listFile = path.join(dir, '发热人员名单.csv');
    fs.writeFileSync(listFile, `户号\n${numbers.join('\n')}\n${NOBODY}\n${numbers[0]}\n`);

    await page.getByTestId('campaigns-create').click();
    await input(page, 'campaigns-form-name').fill(NAME);
    await pickTree(page, page.getByTestId('campaigns-form-region'), community!.name);
    await choose(page, page.getByTestId('campaigns-form-form'), survey.title.zh);
    await choose(page, page.getByTestId('campaigns-form-target'), '上传的户号名单');
    await page.locator('[data-testid="campaigns-form-list"] input[type="file"]').setInputFiles(listFile);
    const read = page.getByTestId('campaigns-form-list-read');
    await read.waitFor();
    assert.match(await read.innerText(), /3 个户号/);
    await page.getByTestId('campaigns-form').evaluate((form) => form.closest('.ant-drawer-body')?.scrollTo(0, 0));
    await screenshot(page, 'campaigns-console-pickers');

    // The form's own rules are shown in words; the clerk replaces them with one rule of their own.
    const rules = page.getByTestId('campaigns-form-rules');
    await rules.getByText('体温').first().waitFor();
    await page.getByTestId('campaigns-form-rules-customise').click();
    await page.getByTestId('campaigns-form-rules-clear').click();
    await page.getByTestId('campaigns-form-rules-add').click();
    await choose(page, page.getByTestId('campaigns-form-rules-new-field'), '家庭成员 · 体温');
    await choose(page, page.getByTestId('campaigns-form-rules-new-op'), '大于等于');
    await input(page, 'campaigns-form-rules-new-value').fill('38');
    await choose(page, page.getByTestId('campaigns-form-rules-new-level'), '严重');
    await choose(page, page.getByTestId('campaigns-form-rules-new-action'), '转为工单');
    // A second condition, on the household's answer: either one raises the alert.
    await page.getByTestId('campaigns-form-rules-new-add-condition').click();
    await choose(page, page.getByTestId('campaigns-form-rules-new-c1-field'), '走访情况');
    await choose(page, page.getByTestId('campaigns-form-rules-new-c1-op'), '等于');
    await choose(page, page.getByTestId('campaigns-form-rules-new-c1-value'), '见到住户');
    await page.getByTestId('campaigns-form-rules-new-combine').getByText('任一满足').click();
    await screenshot(page, 'campaigns-console-rule');
    await page.getByTestId('campaigns-form-rules-new-ok').click();
    const added = page.getByTestId('campaign-rule-temperature');
    await added.getByText('家庭成员中任一人：(体温 大于等于 38℃，或走访情况 等于 见到住户)').waitFor();
    // Edited: both must hold now, and a third condition added then removed again.
    await page.getByTestId('campaigns-form-rules-edit-temperature').click();
    const editing = page.getByTestId('campaigns-form-rules-editing');
    assert.equal(Number(await input(page, 'campaigns-form-rules-editing-value').inputValue()), 38, 'the rule read back into its lines');
    await page.getByTestId('campaigns-form-rules-editing-combine').getByText('全部满足').click();
    await page.getByTestId('campaigns-form-rules-editing-add-condition').click();
    await page.getByTestId('campaigns-form-rules-editing-c2-field').waitFor();
    await page.getByTestId('campaigns-form-rules-editing-c2-remove').click();
    await page.getByTestId('campaigns-form-rules-editing-c2-field').waitFor({ state: 'detached' });
    await page.getByTestId('campaigns-form-rules-editing-ok').click();
    await editing.waitFor({ state: 'detached' });
    await added.getByText('家庭成员中任一人：体温 大于等于 38℃，且走访情况 等于 见到住户').waitFor();
    // A rule that files a ticket needs the category: refused until it is picked, by name.
    await page.getByTestId('campaigns-form-submit').click();
    await page.getByText('预警规则含“转为工单”，请选择工单分类').waitFor();
    await pickTree(page, page.getByTestId('campaigns-form-ticket-category'), category.name);
    await screenshot(page, 'campaigns-console-form');
    await page.getByTestId('campaigns-form-submit').click();
    await page.getByTestId('campaigns-form').waitFor({ state: 'hidden' });

    // The new campaign opens: the number that matched nothing and the rule in words.
    const unmatched = page.getByTestId('campaign-unmatched');
    await unmatched.getByText(NOBODY).waitFor();
    const shownRules = page.getByTestId('campaign-detail-rules');
    await shownRules.getByText('家庭成员中任一人：体温 大于等于 38').waitFor();
    await page.getByText('名单 3 户，匹配 2 户，1 户未匹配').waitFor();
    await page.locator('.ant-drawer').getByText(category.name).first().waitFor();
    await screenshot(page, 'campaigns-console-detail');

    const list = await get<{ items: SurveyCampaign[] }>('/api/survey-campaigns?pageSize=50');
    const made = list.items.find((c) => c.name === NAME);
    assert.ok(made, 'the campaign was created');
    assert.equal(made.regionCode, community!.code);
    assert.equal(made.formKey, 'epidemic.household_survey');
    assert.deepEqual(made.target, { kind: 'list', householdNumbers: [...numbers, NOBODY] });
    assert.deepEqual(made.unmatched, [NOBODY]);
    assert.equal(made.ticketCategoryId, category.id);
    assert.equal(made.alertRules.length, 1);
    const [rule] = made.alertRules;
    assert.deepEqual({ ...rule, message: undefined }, {
      key: 'temperature',
      forEach: 'members',
      when: { all: [{ field: 'temperature', op: 'gte', value: 38 }, { field: 'visit_result', op: 'eq', value: 'met' }] },
      level: 'critical',
      action: 'ticket',
      message: undefined,
    });
    // The message nobody wrote follows the edited conditions.
    assert.equal(rule!.message.zh, '家庭成员 · 体温 大于等于 38℃，且走访情况 等于 见到住户');
    assert.ok(rule!.message.en.includes('Temperature') && rule!.message.en.includes(' and '), JSON.stringify(rule!.message));

    // At a phone's width: the campaign's page and the new-campaign form fit.
    const phone = await as('community_op', { width: 390, height: 844 }, `/campaigns?id=${made.id}`);
    await phone.getByTestId('campaign-unmatched').getByText(NOBODY).waitFor();
    await screenshot(phone, 'campaigns-console-phone-detail');
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 395, 'the detail fits a phone');
    await phone.keyboard.press('Escape');
    await phone.getByTestId('campaigns-create').click();
    await phone.getByTestId('campaigns-form-rules-customise').click();
    await phone.getByTestId('campaigns-form-rules-add').click();
    await screenshot(phone, 'campaigns-console-phone-form');
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 395, 'the form fits a phone');
  });

  it('the operator downloads a campaign\'s answers for a stated purpose', async () => {
    const page = await as('community_op', { width: 1366, height: 900 });
    const id = await page.evaluate(async () => {
      const list = (await (await fetch('/api/survey-campaigns?pageSize=50')).json()) as { items: { id: string }[] };
      for (const c of list.items) {
        const found = (await (await fetch(`/api/survey-campaigns/${c.id}/answers?purpose=${encodeURIComponent('核对')}&page=1&pageSize=1`)).json()) as { total?: number };
        if ((found.total ?? 0) > 0) return c.id;
      }
      return null;
    });
    assert.ok(id, 'a demo campaign has answers');
    await page.goto(`${server.url}/#/campaigns?id=${id}`);
    await page.getByTestId('campaigns-tab-answers').click();
    const purpose = input(page, 'campaign-answers-purpose-input');
    await purpose.fill('汇总上报');
    await purpose.press('Enter');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('campaign-export').click()]);
    assert.match(file.suggestedFilename(), /\.xlsx$/);
  });
});
