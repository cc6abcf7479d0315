/**
 * In the real browser, cases and contacts: the community's operator opens the demo's first case
 * (from the evening gathering), reads a contact's evidence, traces again, adds a contact named in
 * an interview, records a new case by name and document, and sees the chain of transmission; the
 * grid worker on a phone sees only the contacts' follow-up list of their grid, and no case. The
 * county's operator reads the epidemic situation per township, exports the daily briefing and
 * switches on the cases' map layer.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { idCheckChar } from '@gridgov/contracts';
import { choose, input, screenshot, browserSuite } from './harness.js';

const idNumber = (seq: string) => `43070219850505${seq}` + idCheckChar(`43070219850505${seq}`);

describe('browser: cases and contacts', () => {
  const suite = browserSuite();

  /** Opens the tracing page signed in, stating the purpose it asks for first. */
  async function tracing(username: string, viewport: { width: number; height: number }, path = '/tracing') {
    const page = await suite.page(username, { viewport, path });
    await input(page, 'tracing-purpose-input').fill('疫情流调');
    await page.getByTestId('tracing-purpose-confirm').click();
    await page.getByTestId('tracing-purpose-current').waitFor();
    return page;
  }

  it('the operator reads a case\'s contacts with their evidence, traces again and adds an interview contact', async () => {
    const op = await tracing('community_op', { width: 1400, height: 900 });
    const first = op.getByTestId('cases-table').locator('tbody tr.ant-table-row').filter({ has: op.locator('td:first-child', { hasText: /^C1$/ }) });
    await first.waitFor();
    await first.locator('[data-testid^="cases-open-"]').click();
    const contacts = op.getByTestId('cases-contacts');
    await contacts.locator('tbody tr.ant-table-row').first().waitFor();
    // The first close contact's evidence: where and when both were there, or the household.
    await contacts.locator('.ant-table-row-expand-icon').first().click();
    const evidence = contacts.locator('[data-testid^="contact-evidence-"]').first();
    await evidence.waitFor();
    assert.match(await evidence.innerText(), /同在「.+」：病例 .+重叠 \d+(\.\d+)? 分钟|与病例同住一户/);
    assert.ok(!/\d{17}[\dX]/.test(await contacts.innerText()), 'no ID number on the page');
    await op.getByTestId('cases-trace').click();
    await op.getByText(/追踪完成：密接 \d+ 人/).waitFor();
    const shown = async () => Number(/（(\d+)）/.exec(await op.getByText(/^密接人员（\d+）$/).innerText())![1]);
    const before = await shown();
    await op.getByTestId('cases-add-contact').click();
    await input(op, 'cases-contact-name').fill('访谈甲');
    await input(op, 'cases-contact-id').fill(idNumber('731'));
    const at = input(op, 'cases-contact-at');
    await at.click();
    await at.fill('2026-12-01 19:30');
    await at.press('Enter');
    await input(op, 'cases-contact-note').fill('同桌就餐，自述');
    await op.getByTestId('cases-contact-save').click();
    await op.getByText('已补录密接').waitFor();
    await op.getByText(`密接人员（${before + 1}）`).waitFor();
    await screenshot(op, 'tracing-case');
  });

  it('the operator records a case by name and document and finds it on the chain of transmission', async () => {
    const op = await tracing('community_op', { width: 1400, height: 900 });
    await op.getByTestId('cases-create').click();
    await choose(op, op.getByTestId('cases-form-mode'), '按姓名与证件登记');
    await input(op, 'cases-form-name').fill('外来乙');
    // A wrong check digit is named at the field, from the server's answer.
    const good = idNumber('742');
    await input(op, 'cases-form-id').fill(good.slice(0, 17) + (good.endsWith('0') ? '1' : '0'));
    await choose(op, op.getByTestId('cases-form-status'), '确诊');
    const day = input(op, 'cases-form-onset');
    await day.click();
    await day.fill('2026-12-02');
    await day.press('Enter');
    await op.getByTestId('cases-form-submit').click();
    await op.locator('.ant-form-item-explain-error', { hasText: '身份证号码不合法' }).waitFor();
    await input(op, 'cases-form-id').fill(good);
    await op.getByTestId('cases-form-submit').click();
    await op.getByTestId('cases-detail-fields').getByText('外**').waitFor({ timeout: 20_000 });
    const caseNo = (await op.getByTestId('cases-detail-fields').locator('td').first().innerText()).trim();
    assert.match(caseNo, /^C\d+$/);
    await op.goto(`${suite.server.url}/#/tracing?tab=graph`);
    const graph = op.getByTestId('tracing-graph');
    await graph.waitFor();
    assert.ok(Number(await graph.getAttribute('data-items')) >= 4, 'the demo\'s cases and the new one');
    await screenshot(op, 'tracing-graph');
  });

  it('the county sees the epidemic situation per township, goes down a level, exports the daily briefing and finds the cases on the map', async () => {
    const op = await tracing('county_op', { width: 1400, height: 900 }, '/tracing?tab=situation');
    const regions = op.getByTestId('situation-regions');
    await regions.locator('tbody tr.ant-table-row').first().waitFor();
    assert.ok(Number(await op.getByTestId('situation-total-newCases').locator('.ant-statistic-content-value').innerText()) >= 1, 'the demo fortnight has cases');
    await op.getByTestId('situation-trend').waitFor();
    assert.equal(await op.getByTestId('situation-trend').getAttribute('data-items'), '14');
    // The demo's quarantine sites, each a point with its occupancy.
    await op.locator('[data-testid="situation-sites-map"][data-ready="true"]:not([data-points="0"])').waitFor({ timeout: 30_000 });
    assert.ok(!/\d{17}[\dX]/.test(await op.getByTestId('situation').innerText()), 'no ID number on the page');
    await screenshot(op, 'tracing-situation');
    // Down a level: the first township with cases, its communities.
    const link = regions.locator('[data-testid^="situation-region-"]').first();
    const township = await link.innerText();
    await link.click();
    await op.getByTestId('situation').getByText(new RegExp(`^${township} · `)).waitFor();
    const [download] = await Promise.all([op.waitForEvent('download'), op.getByTestId('situation-briefing').click()]);
    assert.match(download.suggestedFilename(), /^疫情日报_.+_\d{4}-\d{2}-\d{2}\.xlsx$/);
    // The grid map counts open cases per grid, never a point.
    await op.goto(`${suite.server.url}/#/grids`);
    await op.locator('[data-testid="grid-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await op.getByTestId('layer-cases').click();
    await op.locator('[data-testid="count-legend-cases"]:not([data-grids=""])').waitFor({ timeout: 15_000 });
    assert.match(await op.getByTestId('count-legend').innerText(), /病例（未结案）/);
  });

  it('the grid worker on a phone sees the contacts of their grid, and no case', async () => {
    const gw = await tracing('gw1', { width: 390, height: 844 }, '/contacts');
    await gw.getByTestId('contacts-table').locator('tbody tr.ant-table-row').first().waitFor();
    assert.ok(!/\d{17}[\dX]/.test(await gw.getByTestId('contacts-table').innerText()));
    await screenshot(gw, 'tracing-gw-contacts');
    // Cases are not for grid workers.
    await gw.goto(`${suite.server.url}/#/tracing`);
    await gw.getByTestId('page-forbidden').waitFor();
  });
});
