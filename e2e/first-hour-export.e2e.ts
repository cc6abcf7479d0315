/**
 * In the real browser, the export of a ticket list: the county operator filters 全部工单 by
 * status, exports it to Excel, and the downloaded file holds that filtered list, in the list's
 * order, with Chinese headers, names instead of codes and no reporter personal data.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { choose, launchBrowser, loginAs, screenshot, startServer, type E2eServer } from './harness.js';

type TicketPage = { items: { number: string; status: string; reporterName: string | null; reporterPhoneMasked: string | null }[]; total: number };

describe('browser: ticket list export', () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    await loginAs(page, server.url, 'county_op');
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('the county operator exports 全部工单 filtered by status and gets that list as xlsx', async () => {
    await page.goto(`${server.url}/#/tickets/all`);
    const rows = page.locator('[data-testid="tickets-all-table"] tbody tr.ant-table-row');
    await rows.first().waitFor({ timeout: 15_000 });
    await choose(page, page.getByTestId('tickets-all-filter-status'), '已办结');
    await page.getByTestId('tickets-all-search').click();
    await page.waitForFunction(() => {
      const cells = Array.from(document.querySelectorAll('[data-testid="tickets-all-table"] tbody tr.ant-table-row')).map((r) => r.textContent ?? '');
      return cells.length > 0 && cells.every((text) => text.includes('已办结'));
    });
    const firstShown = (await rows.first().locator('td').nth(1).innerText()).trim();

    // What the list holds, as the API answers it to the same operator.
    const expected: TicketPage['items'] = [];
    for (let p = 1; ; p++) {
      const res = (await (await page.request.get(`${server.url}/api/tickets?view=all&status=closed&pageSize=200&page=${p}`)).json()) as TicketPage;
      expected.push(...res.items);
      if (expected.length >= res.total || res.items.length === 0) break;
    }
    assert.ok(expected.length > 0, 'the demo county has closed tickets');

    await screenshot(page, 'first-hour-export-list');
    const download = page.waitForEvent('download');
    await page.getByTestId('tickets-all-export').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^工单列表_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync((await file.path())!) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const values = sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1).map((c) => (c === null || c === undefined ? '' : String(c))));
    assert.deepEqual(values[0], ['工单编号', '事件类型', '问题描述', '状态', '处置层级', '所属区域', '网格', '承办部门', '上报时间', '办理时限', '办结时间']);
    const data = values.slice(1);
    assert.equal(data.length, expected.length, 'every closed ticket of the county, no other');
    assert.deepEqual(data.map((r) => r[0]), expected.map((t) => t.number), 'in the list’s order');
    assert.equal(data[0]![0], firstShown, 'the first row is the first ticket shown');
    assert.ok(data.every((r) => r[3] === '已办结'));
    assert.ok(data.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(r[10]!)), 'closed times in local time');
    assert.ok(data.every((r) => r[5] !== '' && !/^\d{6,}$/.test(r[5]!)), 'regions by name');
    const text = JSON.stringify(data);
    for (const t of expected) {
      if (t.reporterName) assert.ok(!text.includes(t.reporterName), 'no reporter names');
      if (t.reporterPhoneMasked) assert.ok(!text.includes(t.reporterPhoneMasked), 'no reporter phones');
    }
    assert.doesNotMatch(text, /\b(closed|reported_back|handling)\b/, 'no raw codes');

    // On a phone the button is there too.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('tickets-all-export').waitFor();
    await screenshot(page, 'first-hour-export-phone');
  });
});
