/**
 * The first hour of a community clerk with the import wizard: a residents file as Chinese Excel
 * exports it (no grid-code column, ID numbers as text and one turned into scientific notation,
 * phones with +86, spaces and full-width digits) goes into one grid of the clerk's scope; the
 * error report holds the failed row with a 原因 column. An upload left unfinished is listed,
 * resumed and deleted.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { idCheckChar } from '@gridgov/contracts';
import { choose, launchBrowser, loginAs, screenshot, startServer, type E2eServer } from './harness.js';

function validId(first17: string): string {
  return first17 + idCheckChar(first17);
}

const IDS = { zhang: validId('43070219610203001'), li: validId('43070219620304002'), wang: validId('43070219630405004') };

/** A roster as a clerk's Excel has it: a title row, text ID numbers but one typed into a General column. */
async function roster(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(['城东社区居民花名册']);
  sheet.addRow(['姓名', '性别', '身份证号', '联系电话', '住址']);
  sheet.addRow(['张建国', '男', IDS.zhang, '+86 138 0013 8001', '城东路 18 号 3 单元 501']);
  sheet.addRow(['李秀英', '女', IDS.li, '139 0013 9002', '城东路 20 号']);
  sheet.addRow(['王桂兰', '女', IDS.wang, '１３７００１３７００３', '城东路 22 号']);
  // Typed into a column formatted General: Excel keeps 15 digits and shows 4.30702E+17.
  sheet.addRow(['刘洋', '男', Number('430702196405060051'), '13600136004', '城东路 24 号']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('browser: first hour with imports', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let grid: { name: string; code: string };

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    await loginAs(page, server.url, 'community_op');
    const grids = await page.request.get(`${server.url}/api/grids?pageSize=1`);
    grid = ((await grids.json()) as { items: Array<{ name: string; code: string }> }).items[0]!;
    assert.ok(grid);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function uploadRoster(name: string): Promise<void> {
    await page.locator('[data-testid="imports-page"] input[type="file"]').setInputFiles({
      name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await roster(),
    });
    await page.getByTestId('imports-mapping').waitFor({ timeout: 20_000 });
  }

  it('imports a Chinese Excel roster without a grid column into one grid, and reports the row Excel broke', async () => {
    await page.goto(`${server.url}/#/registers/imports?register=resident`);
    await page.getByTestId('imports-page').waitFor();
    await uploadRoster('城东社区花名册.xlsx');

    // No grid-code column: the wizard offers the other ways, and waits for a grid.
    const rule = page.getByTestId('imports-grid-rule');
    await rule.waitFor();
    assert.match(await rule.innerText(), /全部导入到一个网格[\s\S]*网格名称列[\s\S]*按地址匹配楼栋登记/);
    await page.getByTestId('imports-grid-missing').waitFor();
    assert.equal(await page.getByTestId('imports-preview-button').isDisabled(), true);
    await choose(page, page.getByTestId('imports-grid-fixed'), `${grid.name}（${grid.code}）`);
    assert.equal(await page.getByTestId('imports-grid-missing').count(), 0);
    assert.equal(await page.getByTestId('imports-mapping-missing').count(), 0, 'name and ID number are mapped from 姓名 and 身份证号');
    assert.equal(await page.getByTestId('imports-map-gridCode').count(), 0, 'no grid-code column is asked for');
    await screenshot(page, 'first-hour-imports-mapping');

    await page.getByTestId('imports-preview-button').click();
    await page.getByTestId('imports-preview').waitFor({ timeout: 20_000 });
    assert.match(await page.getByTestId('imports-preview-summary').innerText(), /4 行，其中 1 行有错误/);
    assert.match(await page.getByTestId('imports-preview-table').innerText(), new RegExp(`所属网格[\\s\\S]*${grid.name}`));
    await screenshot(page, 'first-hour-imports-preview');

    await page.getByTestId('imports-start').click();
    await page.getByTestId('imports-start-confirm').click();
    await page.locator('[data-testid="imports-progress"][data-status="done"]').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('imports-created').innerText(), /3/);
    assert.match(await page.getByTestId('imports-failed').innerText(), /1/);
    await screenshot(page, 'first-hour-imports-done');

    // The report is the failed row as uploaded, with the reason in the clerk's language.
    const download = page.waitForEvent('download');
    await page.getByTestId('imports-error-report').click();
    const file = await (await download).path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(file!) as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1).map((c) => String(c ?? '')));
    assert.deepEqual(rows[0], ['姓名', '性别', '身份证号', '联系电话', '住址', '原因']);
    assert.equal(rows.length, 2, 'only the failed row');
    assert.deepEqual(rows[1]!.slice(0, 3), ['刘洋', '男', '4.30702E+17']);
    assert.match(rows[1]![5]!, /^身份证号：.*科学计数法.*"文本"格式/);
    assert.doesNotMatch(rows[1]![5]!, /IMPORT_|idNumber/);

    // The three good rows are registered in the chosen grid, phones read despite +86, spaces and full width.
    for (const [id, phone] of [[IDS.zhang, '138****8001'], [IDS.li, '139****9002'], [IDS.wang, '137****7003']] as const) {
      const found = await page.request.get(`${server.url}/api/residents?idNumber=${id}`);
      const item = ((await found.json()) as { items: Array<{ gridName: string; phoneMasked: string }> }).items[0];
      assert.deepEqual([item?.gridName, item?.phoneMasked], [grid.name, phone]);
    }
  });

  it('lists an upload left unfinished: resumed at its mapping, then deleted', async () => {
    await page.getByTestId('imports-again').click();
    await uploadRoster('没做完的花名册.xlsx');
    await page.getByTestId('imports-back').click();
    const unfinished = page.getByTestId('imports-unfinished');
    await unfinished.waitFor();
    assert.match(await unfinished.innerText(), /没做完的花名册\.xlsx/);
    await screenshot(page, 'first-hour-imports-unfinished');

    await unfinished.getByTestId('imports-resume').first().click();
    await page.getByTestId('imports-mapping').waitFor();
    assert.match(await page.getByTestId('imports-file').innerText(), /没做完的花名册\.xlsx/);
    await page.getByTestId('imports-back').click();

    await unfinished.getByTestId('imports-discard').first().click();
    await page.getByTestId('imports-discard-confirm').click();
    await unfinished.waitFor({ state: 'detached' });
    const left = await page.request.get(`${server.url}/api/imports?status=uploaded`);
    assert.equal(((await left.json()) as { total: number }).total, 0);
  });

  it('fits a phone: the grid step of the wizard', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await uploadRoster('手机上传.xlsx');
    await page.getByTestId('imports-grid-rule').waitFor();
    await screenshot(page, 'first-hour-imports-phone');
    await page.getByTestId('imports-back').click();
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
