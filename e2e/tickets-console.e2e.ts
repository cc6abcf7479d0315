/**
 * In the real browser, the closed loop through the command-centre console: a grid worker files a
 * report in the intake form (a category is suggested from the words) and escalates it to the
 * community; the community operator accepts it on the dispatch desk and dispatches it to two
 * departments; each department signs for it and reports back (the assisting one first); the
 * operator closes it, and the timeline shows every step. Also a version conflict, the
 * notification bell, the summons board and the daily bulletin.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, loginAs, screenshot, startServer, type E2eServer } from './harness.js';

/** A 1×1 PNG, for the photo of a report back. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

const DESCRIPTION = '幸福小区东门口的井盖不见了，晚上路过很危险，已经有人差点掉下去';

type GridCollection = { features: { properties: { id: string; name: string }; geometry: { coordinates: number[][][] } }[] };

/** A point inside a grid: the middle of its bounding box moved by a share of its size, checked with the grid lookup. */
async function pointIn(page: Page, base: string, grid: GridCollection['features'][number], shift: [number, number] = [0, 0]): Promise<[number, number]> {
  const ring = grid.geometry.coordinates[0] ?? [];
  const lons = ring.map((p) => p[0] ?? 0);
  const lats = ring.map((p) => p[1] ?? 0);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const lon = Math.round((minLon + (0.5 + shift[0]) * (maxLon - minLon)) * 1e6) / 1e6;
  const lat = Math.round((minLat + (0.5 + shift[1]) * (maxLat - minLat)) * 1e6) / 1e6;
  const found = await page.request.get(`${base}/api/grids/lookup?lon=${lon}&lat=${lat}`);
  assert.equal(found.status(), 200, await found.text());
  return [lon, lat];
}

async function closeDrawers(page: Page): Promise<void> {
  for (let i = 0; i < 3 && (await page.locator('.ant-drawer-open').count()) > 0; i++) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(400);
  }
}

function note(page: Page): Locator {
  return page.locator('textarea[data-testid="action-note"], [data-testid="action-note"] textarea').first();
}

/** Takes an action from the drawer: opens its form, lets `fill` fill it, submits, waits for the new version. */
async function act(page: Page, action: string, fill?: () => Promise<void>): Promise<void> {
  const body = page.getByTestId('ticket-detail-body');
  const before = await body.getAttribute('data-version');
  await page.getByTestId(`ticket-action-${action}`).click();
  await page.getByTestId(`action-form-${action}`).waitFor();
  if (fill) await fill();
  await page.getByTestId('action-submit').click();
  await page.locator(`[data-testid="ticket-detail-body"]:not([data-version="${before}"])`).waitFor({ timeout: 30_000 });
  await page.getByTestId(`action-form-${action}`).waitFor({ state: 'detached' });
}

async function status(page: Page): Promise<string> {
  return (await page.getByTestId('ticket-detail-body').getAttribute('data-status')) ?? '';
}

/** Adds a department to the dispatch form by typing part of its name. */
async function addDepartment(page: Page, name: string): Promise<void> {
  const select = page.getByTestId('action-departments');
  await select.click();
  await page.keyboard.type(name);
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: name }).first();
  await option.waitFor();
  await option.click();
  // The tag first, then close the dropdown (Escape while the choice is still being applied can drop it on a busy machine).
  await select.locator('.ant-tag').filter({ hasText: name }).waitFor();
  await page.keyboard.press('Escape');
}

describe('browser: ticket console', () => {
  let server: E2eServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let ticketId = '';
  let ticketNumber = '';
  /** Where the community operator reported the street light (for the duplicate check). */
  let lightPoint: [number, number] = [0, 0];

  async function signIn(username: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await loginAs(page, server.url, username);
    return page;
  }

  async function openTicket(page: Page, path = '/tickets/all'): Promise<void> {
    await page.goto(`${server.url}/#${path}?id=${ticketId}`);
    await page.getByTestId('ticket-detail-body').waitFor({ timeout: 15_000 });
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('a grid worker files a report in the intake form with a suggested category and escalates it to the community', async () => {
    const page = await signIn('gw1');
    const menu = await page.getByTestId('side-menu').innerText();
    for (const label of ['事件处置', '我的待办', '全部工单', '超期工单', '督办', '吹哨报到', '新建工单']) assert.match(menu, new RegExp(label));
    assert.doesNotMatch(menu, /调度台|事件类型配置|每日通报/);

    await page.getByTestId('menu-ticketNew').click();
    await page.getByTestId('intake-page').waitFor();
    await page.locator('textarea[data-testid="intake-description"], [data-testid="intake-description"] textarea').first().fill(DESCRIPTION);

    // The live check suggests categories; the top one is taken.
    const suggestions = page.getByTestId('intake-suggestions');
    await suggestions.waitFor({ timeout: 15_000 });
    assert.match(await suggestions.innerText(), /井盖/);
    await page.getByTestId('intake-category').filter({ hasText: '井盖缺失破损' }).waitFor();

    // The point from the map picker, in the grid worker's grid.
    await page.getByTestId('intake-pick').click();
    const map = page.locator('[data-testid="point-picker-map"][data-ready="true"]');
    await map.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);
    const box = await map.boundingBox();
    assert.ok(box);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByTestId('point-picker-value').waitFor();
    await page.getByTestId('point-picker-ok').click();
    const grid = page.getByTestId('intake-grid');
    await grid.filter({ hasText: '所在网格' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('intake-address').fill('幸福小区东门');
    await page.locator('[data-testid="intake-photos"] input[type="file"]').setInputFiles({ name: '井盖.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('[data-testid="intake-photos"] .ant-upload-list-item-done').waitFor({ timeout: 15_000 });
    await screenshot(page, 'tickets-intake');

    await page.getByTestId('intake-submit').click();
    await page.getByTestId('ticket-detail-body').waitFor({ timeout: 15_000 });
    ticketId = new URL(page.url().replace('#/', '')).searchParams.get('id') ?? '';
    assert.match(ticketId, /^[0-9a-f-]{36}$/);
    ticketNumber = await page.getByTestId('ticket-detail-number').innerText();
    assert.equal(await status(page), 'reported');
    const detail = page.getByTestId('ticket-detail');
    assert.match(await detail.innerText(), /待受理/);
    assert.match(await detail.innerText(), /网格员上报/);
    assert.match(await page.getByTestId('ticket-detail-category').innerText(), /井盖缺失破损/);

    await act(page, 'escalate', async () => {
      await page.getByTestId('action-level').filter({ hasText: '社区' }).waitFor();
      await note(page).fill('需要部门处置');
    });
    assert.match(await detail.innerText(), /社区/);
    await page.getByTestId('ticket-timeline').locator('[data-action="escalate"]').waitFor();
    assert.match(await page.getByTestId('ticket-timeline').innerText(), /网格 → 社区/);
  });

  it('the community operator sees it on the dispatch desk, accepts it and dispatches it to two departments', async () => {
    const page = await signIn('community_op');
    // More open tickets in the community, so the desk shows a picture.
    const grids = (await (await page.request.get(`${server.url}/api/grids/geojson`)).json()) as GridCollection;
    const reports = ['路灯不亮已经一周，晚上很黑', '楼下烧烤店油烟太大，熏得没法开窗', '小区垃圾堆放多日无人清运', '燃气管道有异味，怀疑泄漏'];
    const shifts: [number, number][] = [[-0.2, 0.2], [0.15, -0.2], [0.2, 0.25], [0.2, -0.3]];
    for (const [index, description] of reports.entries()) {
      const target = grids.features[index % grids.features.length];
      assert.ok(target);
      const [lon, lat] = await pointIn(page, server.url, target, shifts[index]);
      if (index === 0) lightPoint = [lon, lat];
      const res = await page.request.post(`${server.url}/api/tickets`, { data: { description, lon, lat, emergency: index === 3 } });
      assert.equal(res.status(), 201, await res.text());
    }

    const menu = await page.getByTestId('side-menu').innerText();
    for (const label of ['调度台', '每日通报', '新建工单']) assert.match(menu, new RegExp(label));
    await page.getByTestId('menu-dispatchDesk').click();
    await page.getByTestId('desk-page').waitFor();
    const entry = page.getByTestId(`desk-queue-item-${ticketId}`);
    await entry.waitFor({ timeout: 15_000 });
    assert.match(await entry.innerText(), new RegExp(ticketNumber));
    await page.locator('[data-testid="desk-map"][data-ready="true"]').waitFor({ timeout: 20_000 });
    assert.ok(Number(await page.getByTestId('desk-map').getAttribute('data-points')) >= 5);
    await page.waitForTimeout(800);
    await screenshot(page, 'tickets-dispatch-desk');

    await entry.click();
    await page.getByTestId('ticket-detail-body').waitFor();
    await act(page, 'accept');
    assert.equal(await status(page), 'accepted');

    await act(page, 'dispatch', async () => {
      // Start from nothing (the category's default department may be chosen already).
      const chosen = page.locator('[data-testid="action-departments"] .ant-tag-close-icon');
      while ((await chosen.count()) > 0) {
        await chosen.first().click();
        await page.waitForTimeout(100);
      }
      await addDepartment(page, '城管局');
      await addDepartment(page, '生态环境局');
      assert.match(await page.getByTestId('department-lead').innerText(), /主办.*城管局/);
      await note(page).fill('请城管局牵头，生态环境局协助清理');
      await screenshot(page, 'tickets-dispatch-form');
    });
    assert.equal(await status(page), 'dispatched');
    const assignments = page.getByTestId('ticket-assignments');
    await assignments.waitFor();
    const rows = await assignments.locator('tbody tr').allInnerTexts();
    assert.equal(rows.length, 2);
    assert.match(rows[0] ?? '', /城管局[\s\S]*主办[\s\S]*待签收/);
    assert.match(rows[1] ?? '', /生态环境局[\s\S]*协办[\s\S]*待签收/);
  });

  it('the assisting department signs and reports back, then the lead department does', async () => {
    const assist = await signIn('handler2');
    await assist.getByTestId('menu-ticketQueue').click();
    await assist.getByTestId(`ticket-queue-open-${ticketId}`).click();
    await assist.getByTestId('ticket-detail-body').waitFor();
    await act(assist, 'sign');
    assert.equal(await status(assist), 'handling');
    await act(assist, 'report_back', async () => {
      await note(assist).fill('周边环境已清理');
    });
    assert.equal(await status(assist), 'handling');
    // The department sees the photo of the report.
    await assist.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="ticket-detail-fields"] img');
      return img !== null && img.complete && img.naturalWidth > 0;
    });

    // The lead department learns of the ticket from the bell.
    const lead = await signIn('handler');
    const bell = lead.getByTestId('header-notifications');
    await lead.locator('[data-testid="header-notifications"]:not([data-unread="0"])').waitFor({ timeout: 15_000 });
    await bell.click();
    const item = lead.locator('[data-testid^="notification-"]').filter({ hasText: ticketNumber }).first();
    await item.waitFor();
    await screenshot(lead, 'tickets-notifications');
    await item.click();
    await lead.getByTestId('ticket-detail-body').waitFor();
    assert.equal(await lead.getByTestId('ticket-detail-number').innerText(), ticketNumber);

    await act(lead, 'sign');
    await act(lead, 'report_back', async () => {
      await note(lead).fill('井盖已更换，警示标志已撤除');
    });
    assert.equal(await status(lead), 'reported_back');
  });

  it('the operator closes it; the timeline shows every step with its actor, department and note', async () => {
    const page = await signIn('community_op');
    await openTicket(page, '/tickets/queue');
    await act(page, 'close', async () => {
      await note(page).fill('经核实已处置到位');
    });
    assert.equal(await status(page), 'closed');
    assert.match(await page.getByTestId('ticket-detail').innerText(), /已办结/);

    const timeline = page.getByTestId('ticket-timeline');
    await timeline.locator('[data-action="close"]').waitFor();
    const actions = await timeline.locator('[data-action]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-action')));
    assert.deepEqual(actions, ['report', 'escalate', 'accept', 'dispatch', 'sign', 'report_back', 'sign', 'report_back', 'close']);
    const text = await timeline.innerText();
    for (const words of ['上报', '上报上级', '受理', '交办', '签收', '办结反馈', '办结', '网格员1', '值班员', '需要部门处置', '周边环境已清理', '井盖已更换', '经核实已处置到位', '协办部门反馈']) {
      assert.match(text, new RegExp(words), words);
    }
    assert.match(await timeline.getByTestId('ticket-event-departments').innerText(), /主办：.*城管局；协办：.*生态环境局/);
    // Tall enough for the whole drawer, once the success message has gone.
    await page.locator('.ant-message-notice').waitFor({ state: 'detached', timeout: 10_000 });
    await page.setViewportSize({ width: 1440, height: 2100 });
    await page.waitForTimeout(400);
    await screenshot(page, 'tickets-detail');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('reloads and says so when someone else acted on the ticket first', async () => {
    const page = await signIn('community_op');
    await openTicket(page);
    const version = Number(await page.getByTestId('ticket-detail-body').getAttribute('data-version'));
    const other = await page.request.post(`${server.url}/api/tickets/${ticketId}/comment`, { data: { version, note: '他人先补充了说明' } });
    assert.equal(other.status(), 200, await other.text());
    await page.getByTestId('ticket-action-comment').click();
    await note(page).fill('回访时居民表示满意');
    await page.getByTestId('action-submit').click();
    const conflict = page.getByTestId('ticket-conflict');
    await conflict.waitFor();
    assert.match(await conflict.innerText(), /已被他人处理/);
    await page.locator(`[data-testid="ticket-detail-body"][data-version="${version + 1}"]`).waitFor();
    await page.getByTestId('ticket-timeline').filter({ hasText: '他人先补充了说明' }).waitFor();
    await closeDrawers(page);
  });

  it('shows a possible duplicate while a report is written, and merges the new ticket into it', async () => {
    const page = await signIn('community_op');
    await page.goto(`${server.url}/#/tickets/new`);
    await page.getByTestId('intake-page').waitFor();
    await page.locator('textarea[data-testid="intake-description"], [data-testid="intake-description"] textarea').first().fill('路灯不亮一周了，晚上很黑');
    await page.locator('input[data-testid="intake-lon"], [data-testid="intake-lon"] input').first().fill(String(lightPoint[0]));
    await page.locator('input[data-testid="intake-lat"], [data-testid="intake-lat"] input').first().fill(String(lightPoint[1]));
    await page.getByTestId('intake-address').click();
    const duplicates = page.getByTestId('intake-duplicates');
    await duplicates.waitFor({ timeout: 15_000 });
    assert.match(await duplicates.innerText(), /路灯不亮已经一周/);
    assert.match(await duplicates.innerText(), /合并/);
    await screenshot(page, 'tickets-intake-duplicates');

    await page.getByTestId('intake-submit').click();
    await page.getByTestId('ticket-detail-body').waitFor({ timeout: 15_000 });
    await act(page, 'merge', async () => {
      await page.getByTestId('action-target').click();
      const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '路灯不亮已经一周' }).first();
      await option.waitFor();
      await option.click();
    });
    assert.equal(await status(page), 'merged');
    // The timeline is read again after the action: wait for the merge step.
    await page.getByTestId('ticket-timeline').getByText(/合并到工单 \d{8}-\d{6}/).waitFor();
    await closeDrawers(page);
  });

  it('shows the summons board and the daily bulletin', async () => {
    const page = await signIn('township_op');
    const list = (await (await page.request.get(`${server.url}/api/tickets?view=all&status=reported&pageSize=50`)).json()) as {
      items: { id: string; version: number; description: string }[];
    };
    const target = list.items.find((item) => item.description.includes('燃气'));
    assert.ok(target, 'the emergency report of the earlier step');
    let current = target;
    const step = async (action: string, data: Record<string, unknown> = {}) => {
      const res = await page.request.post(`${server.url}/api/tickets/${current.id}/${action}`, { data: { version: current.version, ...data } });
      assert.equal(res.status(), 200, `${action}: ${await res.text()}`);
      current = { ...current, ...((await res.json()) as { version: number }) };
    };
    const departments = (await (await page.request.get(`${server.url}/api/departments`)).json()) as { items: { id: string; name: string }[] };
    const ids = ['城管局', '应急管理局'].map((name) => departments.items.find((d) => d.name.endsWith(name))?.id);
    await step('escalate', { level: 'township' });
    await step('accept');
    await step('summon', { departmentIds: ids, checkInMinutes: 60, note: '燃气异味，请相关部门到场会商' });

    await page.getByTestId('menu-summonses').click();
    await page.getByTestId('summons-page').waitFor();
    const card = page.locator('[data-testid^="summons-"]').filter({ hasText: '燃气异味' }).first();
    await card.waitFor({ timeout: 15_000 });
    assert.match(await card.innerText(), /未报到/);
    assert.match(await card.innerText(), /城管局/);
    await screenshot(page, 'tickets-summonses');

    await page.getByTestId('menu-ticketsAll').click();
    const row = page.locator('[data-testid="tickets-all-table"] tbody tr.ant-table-row').filter({ hasText: '燃气管道' });
    await row.waitFor();
    assert.match(await row.innerText(), /紧急/);
    assert.match(await row.innerText(), /已受理/);
    assert.match(await row.innerText(), /乡镇/);
    await screenshot(page, 'tickets-all');

    await page.getByTestId('menu-bulletin').click();
    await page.getByTestId('bulletin-title').waitFor({ timeout: 15_000 });
    assert.match(await page.getByTestId('bulletin-title').innerText(), /事件处置通报/);
    // Today's bulletin (a China day) counts the reports of this run.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const day = page.locator('input[data-testid="bulletin-day"], [data-testid="bulletin-day"] input').first();
    await day.click();
    await day.fill(today);
    await day.press('Enter');
    await page.getByTestId('bulletin-search').click();
    await page.getByTestId('bulletin-title').filter({ hasText: today }).waitFor({ timeout: 15_000 });
    const figures = await page.getByTestId('bulletin-figures').innerText();
    assert.match(figures, /新增工单\s*[1-9]/);
    const download = page.waitForEvent('download');
    await page.getByTestId('bulletin-export').click();
    assert.match((await download).suggestedFilename(), /\.xlsx$/);
    await screenshot(page, 'tickets-bulletin');
  });

  it('lets the system administrator set the limits and extra questions of a category', async () => {
    const page = await signIn('sysadmin');
    const menu = await page.getByTestId('side-menu').innerText();
    assert.match(menu, /事件类型配置/);
    assert.doesNotMatch(menu, /我的待办|调度台/);
    await page.getByTestId('menu-ticketCategories').click();
    await page.getByTestId('category-tree').waitFor();
    await page.getByTestId('category-node-env.smoke').click();
    const form = page.getByTestId('category-form');
    await form.waitFor();
    assert.equal(await page.getByTestId('category-form-code').inputValue(), 'env.smoke');
    await form.getByRole('button', { name: '添加问题' }).click();
    const row = form.locator('[data-testid="category-form-custom-fields"] > div').last();
    await row.locator('input').nth(0).fill('shop_name');
    await row.locator('input').nth(1).fill('商户名称');
    // 7 days for a general matter: shorten it to 3 days.
    await page.locator('input[data-testid="category-form-handle"], [data-testid="category-form-handle"] input').first().fill('3');
    await page.getByTestId('category-form-submit').click();
    await page.locator('.ant-message').filter({ hasText: '已保存事件类型' }).waitFor();
    const saved = (await (await page.request.get(`${server.url}/api/ticket-categories`)).json()) as {
      items: { code: string; handleMinutes: number; customFields: { key: string; label: string }[] }[];
    };
    const smoke = saved.items.find((c) => c.code === 'env.smoke');
    assert.deepEqual(smoke?.customFields.map((f) => f.label), ['商户名称']);
    assert.equal(smoke?.handleMinutes, 3 * 24 * 60);
    await screenshot(page, 'tickets-categories');
  });
});
