/**
 * In the real browser, as a community operator: the resident register from form to history,
 * server field errors and version conflicts, the register maps, exports, and the import wizard.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { idCheckChar } from '@gridgov/contracts';
import { choose, launchBrowser, loginAs, screenshot, startServer, type E2eServer } from './harness.js';

const NAME = '司马文静';
const INITIALS = 'smwj';
const ID_NUMBER = '11010519491231002X';
const PHONE = '13812341234';

function validId(first17: string): string {
  return first17 + idCheckChar(first17);
}

async function formError(page: Page, form: string): Promise<string> {
  const error = page.locator(`[data-testid="${form}"] .ant-form-item-explain-error`).first();
  await error.waitFor({ timeout: 15_000 });
  return error.innerText();
}

async function closeDrawers(page: Page): Promise<void> {
  for (let i = 0; i < 3 && (await page.locator('.ant-drawer-open').count()) > 0; i++) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(400);
  }
}

describe('browser: registers', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let residentId = '';

  before(async () => {
    // A low approval threshold, so that exporting the whole community needs a second person.
    process.env.GRIDGOV_EXPORT_APPROVAL_ROWS = '50';
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await loginAs(page, server.url, 'community_op');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the registers menu and creates a resident through the form, listed with masked ID and phone', async () => {
    const menu = await page.getByTestId('side-menu').innerText();
    for (const label of ['基础信息', '人口', '户', '楼栋', '房屋', '场所', '部件', '单位', '导入', '导出', '待审批']) assert.match(menu, new RegExp(label));

    await page.getByTestId('menu-residents').click();
    await page.getByTestId('residents-page').waitFor();
    await page.getByTestId('residents-create').click();
    const form = page.getByTestId('residents-form');
    await form.waitFor();
    await page.getByTestId('residents-form-name').fill(NAME);
    await choose(page, page.getByTestId('residents-form-grid'), '第一网格');
    await page.getByTestId('residents-form-id').fill(ID_NUMBER);
    await page.getByTestId('residents-form-phone').fill(PHONE);
    await choose(page, page.getByTestId('residents-form-tags'), '独居老人');
    await page.getByTestId('residents-form-name').click();
    await page.getByTestId('residents-form-address').fill('花源路8号');
    await page.getByTestId('residents-form-submit').click();

    // Saved: the new record opens in the detail drawer, masked.
    await page.getByTestId('residents-detail-id').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId('residents-detail-id').innerText(), '11**************2X');
    assert.equal(await page.getByTestId('residents-detail-phone').innerText(), '138****1234');
    residentId = new URL(page.url().replace('#/', '')).searchParams.get('id') ?? '';
    assert.match(residentId, /^[0-9a-f-]{36}$/);
    await closeDrawers(page);

    const row = page.locator(`[data-testid="residents-table"] tr[data-row-key="${residentId}"]`);
    await page.getByTestId('residents-filter-q').fill(NAME);
    await page.getByTestId('residents-search').click();
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /11\*{14}2X/);
    assert.match(text, /1949 年生/);
    assert.match(text, /138\*{4}1234/);
    assert.match(text, /独居老人/);
    assert.doesNotMatch(text, new RegExp(ID_NUMBER));
    await screenshot(page, 'registers-residents-list');
  });

  it('finds the resident by pinyin initials, unmasks with a reason, edits it and sees the change in the history', async () => {
    await page.getByTestId('residents-filter-q').fill(INITIALS);
    await page.getByTestId('residents-search').click();
    const rows = page.locator('[data-testid="residents-table"] tbody tr.ant-table-row');
    await page.locator(`[data-testid="residents-table"] tr[data-row-key="${residentId}"]`).waitFor();
    assert.match(await rows.first().innerText(), new RegExp(NAME));

    await page.locator(`[data-testid="residents-table"] tr[data-row-key="${residentId}"]`).click();
    await page.getByTestId('residents-detail-id').waitFor();
    await page.getByTestId('residents-unmask').click();
    await page.getByTestId('residents-unmask-reason').fill('入户走访核实身份');
    await page.getByTestId('residents-unmask-confirm').click();
    await page.getByTestId('residents-unmasked').waitFor();
    assert.equal(await page.getByTestId('residents-detail-id').innerText(), ID_NUMBER);
    assert.equal(await page.getByTestId('residents-detail-phone').innerText(), PHONE);
    await screenshot(page, 'registers-resident-unmasked');

    await page.getByTestId('residents-detail-edit').click();
    await page.getByTestId('residents-form').waitFor();
    await page.getByTestId('residents-form-address').fill('花源路9号');
    await page.getByTestId('residents-form-submit').click();
    await page.getByTestId('residents-form').waitFor({ state: 'hidden' });
    await page.getByTestId('residents-detail-address').filter({ hasText: '花源路9号' }).waitFor();
    assert.equal(await page.getByTestId('residents-detail-version').innerText(), '2');

    await page.getByTestId('residents-tab-history').click();
    const change = page.getByTestId('residents-history-v2');
    await change.waitFor();
    const history = await change.innerText();
    assert.match(history, /现住址/);
    assert.match(history, /花源路8号/);
    assert.match(history, /花源路9号/);
    assert.match(await page.getByTestId('residents-history').innerText(), /登记/);
    await screenshot(page, 'registers-resident-history');
    await closeDrawers(page);
  });

  it("puts the server's field error on the ID number field", async () => {
    await page.getByTestId('residents-create').click();
    await page.getByTestId('residents-form').waitFor();
    await page.getByTestId('residents-form-name').fill('校验测试');
    await choose(page, page.getByTestId('residents-form-grid'), '第一网格');
    await page.getByTestId('residents-form-id').fill('340524198001010013');
    await page.getByTestId('residents-form-submit').click();
    assert.match(await formError(page, 'residents-form'), /校验位/);
    const item = page.locator('[data-testid="residents-form"] .ant-form-item-has-error');
    assert.match(await item.first().innerText(), /证件号码/);
    await screenshot(page, 'registers-resident-field-error');
    await closeDrawers(page);
  });

  it('tells the user to reload when someone else saved the record first', async () => {
    await page.getByTestId(`residents-edit-${residentId}`).click();
    await page.getByTestId('residents-form').waitFor();
    const stale = await page.request.get(`${server.url}/api/residents/${residentId}`);
    const { version } = (await stale.json()) as { version: number };
    const other = await page.request.patch(`${server.url}/api/residents/${residentId}`, { data: { version, notes: '他人修改' } });
    assert.equal(other.status(), 200);
    await page.getByTestId('residents-form-address').fill('花源路10号');
    await page.getByTestId('residents-form-submit').click();
    await page.getByTestId('residents-form-conflict').waitFor();
    assert.match(await page.getByTestId('residents-form-conflict').innerText(), /重新加载/);
    await page.getByTestId('residents-form-reload').click();
    await page.getByTestId('residents-form-conflict').waitFor({ state: 'hidden' });
    // The form now shows the latest record (it is filled again once the record is read): the other change, and not the lost edit.
    const address = page.getByTestId('residents-form-address');
    for (let i = 0; i < 50 && (await address.inputValue()) !== '花源路9号'; i++) await page.waitForTimeout(100);
    assert.equal(await address.inputValue(), '花源路9号');
    assert.equal(await page.getByTestId('residents-form-notes').inputValue(), '他人修改');
    await closeDrawers(page);
  });

  it('adds the resident to a household found by search, then removes them', async () => {
    await page.goto(`${server.url}/#/registers/households`);
    await page.locator('[data-testid="households-table"] tbody tr.ant-table-row').first().click();
    const members = page.getByTestId('households-members');
    await members.waitFor();
    await page.getByTestId('households-member-resident').click();
    await page.keyboard.type(INITIALS);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: NAME }).first().click();
    await choose(page, page.getByTestId('households-member-relation'), '其他');
    await page.getByTestId('households-member-add').click();
    const remove = page.getByTestId(`households-member-remove-${residentId}`);
    await remove.waitFor();
    assert.match(await members.innerText(), new RegExp(NAME));
    await screenshot(page, 'registers-household-members');
    await remove.click();
    await page.locator('.ant-popconfirm:visible .ant-btn-dangerous').click();
    await remove.waitFor({ state: 'detached' });
    assert.doesNotMatch(await members.innerText(), new RegExp(NAME));
    await closeDrawers(page);
  });

  it('shows residents per grid, venues (opening one from its point) and buildings on the map', async () => {
    await page.goto(`${server.url}/#/registers/residents?view=map`);
    await page.locator('[data-testid="residents-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
    await screenshot(page, 'registers-residents-map');

    const venues = await page.request.get(`${server.url}/api/venues?pageSize=1`);
    const venue = ((await venues.json()) as { items: { name: string; venueCode: string }[] }).items[0];
    assert.ok(venue, 'the demo city has venues');
    await page.goto(`${server.url}/#/registers/venues?view=map`);
    const map = page.locator('[data-testid="venues-map"][data-ready="true"]');
    await map.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="venues-map"]')?.getAttribute('data-points')) > 0);
    await page.waitForTimeout(800);
    await screenshot(page, 'registers-venues-map');

    // One venue left on the map sits in the middle of what the legend leaves: clicking it opens the venue with its code.
    await page.getByTestId('venues-filter-q').fill(venue.name);
    await page.getByTestId('venues-search').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="venues-map"]')?.getAttribute('data-points') === '1');
    await page.waitForTimeout(1200);
    const box = await map.boundingBox();
    assert.ok(box);
    // The map keeps its points clear of the legend (right padding of the legend's width).
    const legend = await page.getByTestId('venues-map-legend').boundingBox();
    await page.mouse.click(box.x + (box.width - (legend?.width ?? 0)) / 2, box.y + box.height / 2);
    await page.getByTestId('venues-code').waitFor({ timeout: 10_000 });
    assert.match(await page.getByTestId('venues-code').innerText(), new RegExp(venue.venueCode));
    await page.waitForTimeout(500);
    await screenshot(page, 'registers-venue-detail');
    await closeDrawers(page);

    await page.goto(`${server.url}/#/registers/buildings?view=map`);
    await page.locator('[data-testid="buildings-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="buildings-map"]')?.getAttribute('data-points')) > 0);
    await page.waitForTimeout(800);
    await screenshot(page, 'registers-buildings-map');
  });

  it('exports the filtered residents and downloads the file', async () => {
    await page.goto(`${server.url}/#/registers/residents`);
    await page.getByTestId('residents-filter-q').fill(NAME);
    await page.getByTestId('residents-search').click();
    await page.locator(`[data-testid="residents-table"] tr[data-row-key="${residentId}"]`).waitFor();
    await page.getByTestId('residents-export').click();
    // The dialog's form is on the page before it is submitted (a click during the opening can be lost).
    await page.locator('.ant-modal').getByText('Excel (.xlsx)').waitFor();
    await page.getByTestId('export-submit').click();
    await page.getByTestId('exports-page').waitFor({ timeout: 20_000 }).catch(async (error: unknown) => {
      // Say what the dialog and the message bar said instead.
      const said = await page.locator('.ant-modal, .ant-message').allInnerTexts().catch(() => []);
      throw new Error(`the export was not created: ${said.join(' | ')} (${String(error)})`);
    });
    const row = page.locator('[data-testid="exports-mine-table"] tbody tr.ant-table-row').first();
    await row.waitFor();
    await row.locator('button', { hasText: '下载' }).waitFor({ timeout: 30_000 });
    assert.match(await row.innerText(), /人口/);
    const download = page.waitForEvent('download');
    await row.locator('button', { hasText: '下载' }).click();
    assert.match((await download).suggestedFilename(), /\.xlsx$/);
    await screenshot(page, 'registers-exports');
  });

  it('a large export with full personal data waits for a second person to approve it', async () => {
    await page.goto(`${server.url}/#/registers/residents`);
    await page.locator('[data-testid="residents-table"] tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('residents-export').click();
    await page.getByTestId('export-unmask').click();
    await page.getByTestId('export-reason').fill('向民政部门报送辖区人口名单');
    await screenshot(page, 'registers-export-dialog');
    await page.getByTestId('export-submit').click();
    await page.getByTestId('exports-page').waitFor();
    const row = page.locator('[data-testid="exports-mine-table"] tbody tr.ant-table-row').first();
    await row.filter({ hasText: '待审批' }).waitFor();
    assert.match(await row.innerText(), /明文/);
    const exportId = await row.getAttribute('data-row-key');
    assert.ok(exportId);

    const approver = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await loginAs(approver, server.url, 'township_op');
    await approver.getByTestId('menu-exportApprovals').click();
    await approver.getByTestId(`export-approve-${exportId}`).click();
    await approver.getByTestId('export-decision-note').fill('同意报送');
    await approver.getByTestId('export-decision-ok').click();
    await approver.locator('.ant-message').filter({ hasText: '已批准' }).waitFor();
    await screenshot(approver, 'registers-export-approvals');
    await approver.close();

    const download = page.locator(`[data-testid="export-download-${exportId}"]`);
    for (let i = 0; i < 20 && !(await download.isVisible()); i++) {
      await page.getByTestId('exports-refresh').click();
      await page.waitForTimeout(1000);
    }
    const file = page.waitForEvent('download');
    await download.click();
    assert.match((await file).suggestedFilename(), /\.xlsx$/);
  });

  it('imports a CSV through the wizard to the final counts', async () => {
    const grids = await page.request.get(`${server.url}/api/grids?pageSize=1`);
    const grid = ((await grids.json()) as { items: { code: string }[] }).items[0];
    assert.ok(grid);
    const csv = [
      '姓名,证件号码,联系电话,人口类型,网格编码,现住址',
      `导入甲,${validId('43070219800101001')},13900000001,户籍,${grid.code},花源路1号`,
      `导入乙,${validId('43070219850202002')},,流动,${grid.code},花源路2号`,
      `导入丙,340524198001010013,13900000003,户籍,${grid.code},花源路3号`,
    ].join('\r\n');

    await page.goto(`${server.url}/#/registers/imports?register=resident`);
    await page.getByTestId('imports-page').waitFor();
    const template = page.waitForEvent('download');
    await page.getByTestId('imports-template').click();
    assert.match((await template).suggestedFilename(), /\.xlsx$/);
    await page.locator('[data-testid="imports-page"] input[type="file"]').setInputFiles({
      name: '居民导入.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\ufeff${csv}`, 'utf8'),
    });
    await page.getByTestId('imports-mapping').waitFor({ timeout: 20_000 });
    assert.equal(await page.getByTestId('imports-mapping-missing').count(), 0, 'the suggested mapping covers the required fields');
    await page.getByTestId('imports-preview-button').click();
    await page.getByTestId('imports-preview').waitFor({ timeout: 20_000 });
    assert.match(await page.getByTestId('imports-preview-summary').innerText(), /3 行，其中 1 行有错误/);
    await screenshot(page, 'registers-import-preview');

    await page.getByTestId('imports-start').click();
    await page.getByTestId('imports-start-confirm').click();
    await page.locator('[data-testid="imports-progress"][data-status="done"]').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('imports-created').innerText(), /2/);
    assert.match(await page.getByTestId('imports-failed').innerText(), /1/);
    await page.getByTestId('imports-error-report').waitFor();
    await screenshot(page, 'registers-import-done');
    const download = page.waitForEvent('download');
    await page.getByTestId('imports-error-report').click();
    assert.match((await download).suggestedFilename(), /\.xlsx$/);

    const found = await page.request.get(`${server.url}/api/residents?q=${encodeURIComponent('导入甲')}`);
    assert.equal(((await found.json()) as { total: number }).total, 1);
  });
  it('imports buildings through the same wizard: a title row above the header, the dry run, the counts', async () => {
    const grids = await page.request.get(`${server.url}/api/grids?pageSize=1`);
    const grid = ((await grids.json()) as { items: { code: string }[] }).items[0];
    assert.ok(grid);
    const csv = [
      '花源社区楼栋登记表,,,',
      '楼栋名称,楼栋类型,网格编码,层数',
      `导入楼1,住宅,${grid.code},18`,
      `导入楼2,商住,${grid.code},６`,
      `导入楼3,宫殿,${grid.code},3`,
    ].join('\r\n');
    // The wizard still shows the last import's counts: start over, then ask for buildings.
    await page.getByTestId('imports-again').click();
    await page.goto(`${server.url}/#/registers/imports?register=building`);
    await page.getByTestId('imports-page').waitFor();
    assert.match(await page.getByTestId('imports-register').innerText(), /楼栋/);
    await page.locator('[data-testid="imports-page"] input[type="file"]').setInputFiles({ name: '楼栋.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}`, 'utf8') });
    await page.getByTestId('imports-mapping').waitFor({ timeout: 20_000 });
    assert.equal(await page.getByTestId('imports-mapping-missing').count(), 0, 'the suggested mapping covers the required fields');
    await page.getByTestId('imports-preview-button').click();
    await page.getByTestId('imports-preview').waitFor({ timeout: 20_000 });
    assert.match(await page.getByTestId('imports-preview-summary').innerText(), /3 行，其中 1 行有错误/);
    await page.getByTestId('imports-start').click();
    await page.getByTestId('imports-start-confirm').click();
    await page.locator('[data-testid="imports-progress"][data-status="done"]').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('imports-created').innerText(), /2/);
    assert.match(await page.getByTestId('imports-failed').innerText(), /1/);
    await page.getByTestId('imports-error-report').waitFor();
    await screenshot(page, 'registers-import-buildings-done');
    const found = await page.request.get(`${server.url}/api/buildings?q=${encodeURIComponent('导入楼')}`);
    assert.equal(((await found.json()) as { total: number }).total, 2);
  });
});
