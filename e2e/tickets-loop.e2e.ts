/**
 * In the real browser, at a phone's viewport: a resident reports from the portal with a photo
 * and a location; a grid worker escalates it to the community, whose operator accepts and
 * dispatches it to 城管局; the handler signs and reports back; the operator closes it; the
 * resident sees it resolved, rates it and reads every public step on the timeline, then reopens
 * it. Also the anonymous report with its tracking page, the honeypot and the rate limit.
 * The staff steps go through the API (the staff console has its own browser test).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { request, type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Department, Grid, Ticket, TicketAction } from '@gridgov/contracts';
import { DEMO_PASSWORD } from '../server/src/modules/demo/seed-demo.js';
import { launchBrowser, screenshot, startServer, type E2eServer } from './harness.js';

const PHONE = { width: 390, height: 844 };
const REPORT_TEXT = '小区东门垃圾堆积好几天了，没人清运，气味很大';
const ANONYMOUS_TEXT = '花源路口的路灯坏了好几天，晚上很黑，行人不安全';
const BOT_TEXT = '优惠大促销点击链接领取奖品';

// ---------- a small PNG, written by the test ----------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 96x96 RGB picture: a green field with a grey heap, enough to look like a photo thumbnail. */
function photoPng(): Buffer {
  const size = 96;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const heap = (x - 48) ** 2 + (y - 60) ** 2 < 26 ** 2;
      const [r, g, b] = heap ? [120, 110, 100] : [90 + y, 160, 90];
      row.writeUInt8(r, 1 + x * 3);
      row.writeUInt8(g, 2 + x * 3);
      row.writeUInt8(b, 3 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------- staff through the API ----------
async function staff(base: string, username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: base });
  const res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  assert.equal(res.status(), 200, `${username} signs in: ${await res.text()}`);
  return api;
}

async function ticketOf(api: APIRequestContext, id: string): Promise<Ticket> {
  const res = await api.get(`/api/tickets/${id}`);
  assert.equal(res.status(), 200, await res.text());
  return (await res.json()) as Ticket;
}

/** Takes a transition the ticket offers the caller, with the current version. */
async function act(api: APIRequestContext, id: string, action: TicketAction, extra: Record<string, unknown> = {}): Promise<Ticket> {
  const before = await ticketOf(api, id);
  assert.ok(before.actions.includes(action), `${action} is offered: ${before.actions.join(',')}`);
  const res = await api.post(`/api/tickets/${id}/${action}`, { data: { version: before.version, ...extra } });
  assert.equal(res.status(), 200, `${action}: ${await res.text()}`);
  return (await res.json()) as Ticket;
}

async function ticketsMatching(api: APIRequestContext, text: string): Promise<Ticket[]> {
  const res = await api.get(`/api/tickets?q=${encodeURIComponent(text)}&pageSize=50`);
  assert.equal(res.status(), 200, await res.text());
  return ((await res.json()) as { items: Ticket[] }).items;
}

// ---------- the phone ----------
async function phoneContext(browser: Browser, point: { lon: number; lat: number }): Promise<BrowserContext> {
  return browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    geolocation: { longitude: point.lon, latitude: point.lat },
    permissions: ['geolocation'],
  });
}

/** Nothing is wider than the phone's screen. */
async function assertNoSideways(page: Page, where: string): Promise<void> {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  assert.ok(widths.page <= widths.screen, `${where}: page ${widths.page}px wider than the screen ${widths.screen}px`);
}

async function fill(page: Page, testId: string, value: string): Promise<void> {
  await page.locator(`textarea[data-testid="${testId}"], input[data-testid="${testId}"], [data-testid="${testId}"] input`).first().fill(value);
}

/** Marks the phone's own location on the report map and waits until the marker is there. */
async function useMyLocation(page: Page, point: { lon: number; lat: number }): Promise<void> {
  const map = page.getByTestId('portal-report-map');
  await page.locator('[data-testid="portal-report-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
  await page.getByTestId('portal-report-map-locate').tap();
  await page.locator(`[data-testid="portal-report-map"][data-lon="${point.lon}"][data-lat="${point.lat}"]`).waitFor({ timeout: 15_000 });
  assert.equal(await map.getAttribute('data-lon'), String(point.lon));
}

async function addPhoto(page: Page, file: string): Promise<void> {
  await page.getByTestId('portal-report-photos-input').setInputFiles(file);
  await page.locator('[data-testid="portal-report-photos-item"][data-status="done"]').waitFor({ timeout: 15_000 });
}

describe('browser: the ticket loop from the resident portal', () => {
  let server: E2eServer;
  let browser: Browser;
  let resident: Page;
  let photo = '';
  let point = { lon: 0, lat: 0 };
  let ticketId = '';
  let ticketNumber = '';

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-portal-')), '现场照片.png');
    fs.writeFileSync(photo, photoPng());
    // A point inside the resident's grid (the first demo grid, gw1's): the middle of its boundary.
    const gw1 = await staff(server.url, 'gw1');
    const grids = (await (await gw1.get('/api/grids?pageSize=1')).json()) as { items: Grid[] };
    const ring = grids.items[0]!.boundary.coordinates[0]!;
    const round = (n: number) => Math.round(n * 1e6) / 1e6;
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    point = { lon: round((Math.min(...xs) + Math.max(...xs)) / 2), lat: round((Math.min(...ys) + Math.max(...ys)) / 2) };
    const lookup = await gw1.get(`/api/grids/lookup?lon=${point.lon}&lat=${point.lat}`);
    assert.match(await lookup.text(), /第一网格/);
    await gw1.dispose();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (photo) fs.rmSync(path.dirname(photo), { recursive: true, force: true });
  });

  it('a resident signs in on a phone, lands in the portal and reports with a photo and a location', async () => {
    const context = await phoneContext(browser, point);
    resident = await context.newPage();
    await resident.goto(`${server.url}/`);
    await resident.getByTestId('login-portal-report').waitFor();
    await assertNoSideways(resident, 'login');
    await screenshot(resident, 'portal-login');
    await fill(resident, 'login-username', 'resident1');
    await fill(resident, 'login-password', DEMO_PASSWORD);
    await resident.getByTestId('login-submit').tap();
    await resident.getByTestId('portal-home').waitFor({ timeout: 15_000 });
    assert.match(resident.url(), /#\/portal$/);
    assert.match(await resident.getByTestId('portal-home-grid').innerText(), /第一网格/);
    await assertNoSideways(resident, 'home');
    await screenshot(resident, 'portal-home');

    await resident.getByTestId('portal-home-report').tap();
    await resident.getByTestId('portal-report-form').waitFor();
    await fill(resident, 'portal-report-description', REPORT_TEXT);
    // No marker until the resident places one (issue 3): a tap places it, "use my location" brings it to the phone.
    const map = resident.getByTestId('portal-report-map');
    await resident.locator('[data-testid="portal-report-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    const start = await map.getAttribute('data-lon');
    assert.equal(start, '', 'no point is chosen for the resident');
    const box = (await map.boundingBox())!;
    await resident.touchscreen.tap(box.x + box.width * 0.25, box.y + box.height * 0.7);
    await resident.waitForFunction((before) => document.querySelector('[data-testid="portal-report-map"]')?.getAttribute('data-lon') !== before, start);
    await useMyLocation(resident, point);
    assert.match(await resident.getByTestId('portal-report-grid').innerText(), /第一网格/);
    // The category is suggested from the text.
    await resident.getByTestId('portal-report-category-suggestion').first().waitFor();
    assert.equal(await resident.getByTestId('portal-report-category-suggestion').first().innerText(), '垃圾清运');

    await fill(resident, 'portal-report-address', '花源路 8 号小区东门');
    await addPhoto(resident, photo);
    await fill(resident, 'portal-report-phone', '13800001111');
    await assertNoSideways(resident, 'report form');
    await screenshot(resident, 'portal-report-form');

    await resident.getByTestId('portal-report-submit').tap();
    await resident.getByTestId('portal-submitted').waitFor({ timeout: 15_000 });
    ticketNumber = (await resident.getByTestId('portal-submitted-number').innerText()).trim();
    assert.match(ticketNumber, /^\d{8}-\d{6}$/);
    await screenshot(resident, 'portal-report-submitted');

    await resident.getByTestId('portal-submitted-view').tap();
    await resident.getByTestId('portal-detail').waitFor();
    ticketId = decodeURIComponent(/#\/portal\/tickets\/([^?]+)/.exec(resident.url())?.[1] ?? '');
    assert.match(ticketId, /^[0-9a-f-]{36}$/);
    assert.equal(await resident.getByTestId('portal-detail-status').innerText(), '已提交，待受理', '已受理 only once someone accepts it');
    assert.equal(await resident.getByTestId('portal-detail-number').innerText(), ticketNumber);
    // The photo is shown from the server.
    const image = resident.locator('[data-testid="portal-detail-photos"] img').first();
    await image.waitFor();
    await resident.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="portal-detail-photos"] img');
      return Boolean(img?.complete && img.naturalWidth > 0);
    });
  });

  it('staff escalate, accept, dispatch to 城管局, sign, report back and close (through the API)', async () => {
    const gw1 = await staff(server.url, 'gw1');
    const op = await staff(server.url, 'community_op');
    const handler = await staff(server.url, 'handler');
    try {
      const filed = await ticketOf(gw1, ticketId);
      assert.equal(filed.number, ticketNumber);
      assert.equal(filed.gridName, '马家吉社区第一网格');
      assert.equal(filed.categoryName, '垃圾清运');
      assert.equal(filed.photos.length, 1);
      assert.equal(filed.level, 'grid');

      await act(gw1, ticketId, 'escalate', { level: 'community', note: '需社区协调清运车辆' });
      await act(op, ticketId, 'accept');
      const departments = (await (await op.get('/api/departments')).json()) as { items: Department[] };
      const bureau = departments.items.find((d) => d.name.endsWith('城管局'));
      assert.ok(bureau, 'the 城管局 department exists');
      const dispatched = await act(op, ticketId, 'dispatch', { departmentIds: [bureau.id], note: '请尽快清运' });
      assert.equal(dispatched.publicStatus, 'in_progress');

      // The resident's list follows.
      await resident.goto(`${server.url}/#/portal/mine`);
      const card = resident.locator(`[data-testid="portal-ticket-card"][data-number="${ticketNumber}"]`);
      await card.waitFor();
      assert.equal(await card.getByTestId('portal-ticket-card-status').innerText(), '处理中');

      await act(handler, ticketId, 'sign');
      await act(handler, ticketId, 'report_back', { note: '内部：调度环卫二队', publicNote: '已安排环卫车辆清运，现场已清理干净' });
      const closed = await act(op, ticketId, 'close', { note: '经网格员现场核实，垃圾已清运' });
      assert.equal(closed.publicStatus, 'resolved');
    } finally {
      await Promise.all([gw1.dispose(), op.dispose(), handler.dispose()]);
    }
  });

  it('the resident sees 已办结, rates five stars with a comment, and the timeline shows every public step', async () => {
    await resident.getByTestId('portal-tab-home').tap();
    await resident.getByTestId('portal-home').waitFor();
    await resident.getByTestId('portal-tab-mine').tap();
    const card = resident.locator(`[data-testid="portal-ticket-card"][data-number="${ticketNumber}"]`);
    await card.waitFor();
    assert.equal(await card.getByTestId('portal-ticket-card-status').innerText(), '已办结');
    assert.equal(await card.getByTestId('portal-ticket-card-rate').innerText(), '待评价');
    await assertNoSideways(resident, 'my reports');
    await screenshot(resident, 'portal-my-reports');

    await card.tap();
    await resident.getByTestId('portal-detail').waitFor();
    assert.equal(await resident.getByTestId('portal-detail-status').innerText(), '已办结');
    await resident.getByTestId('portal-rate').waitFor();
    await resident.getByTestId('portal-reopen').waitFor();
    await resident.locator('[data-testid="portal-rate-stars"] .ant-rate-star').nth(4).locator('[role="radio"]').tap();
    await fill(resident, 'portal-rate-note', '处理很及时，环境干净多了，谢谢！');
    await resident.locator('[data-testid="portal-rate-submit"]:not([disabled])').waitFor();
    await resident.waitForTimeout(400); // the stars' and the button's transitions
    await screenshot(resident, 'portal-rate');
    await resident.getByTestId('portal-rate-submit').tap();
    await resident.getByTestId('portal-detail-rating').waitFor({ timeout: 15_000 });
    assert.equal(await resident.getByTestId('portal-rate').count(), 0);
    assert.equal(await resident.locator('[data-testid="portal-detail-rating"] .ant-rate-star-full').count(), 5);

    const steps = resident.getByTestId('portal-timeline-step');
    await resident.locator('[data-testid="portal-timeline-step"][data-action="rate"]').waitFor();
    const actions = await steps.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-action')));
    assert.deepEqual(actions, ['report', 'accept', 'dispatch', 'report_back', 'close', 'rate']);
    const timeline = await resident.getByTestId('portal-timeline').innerText();
    for (const label of ['上报', '受理', '交办', '反馈', '办结', '评价']) assert.match(timeline, new RegExp(label));
    assert.match(timeline, /已安排环卫车辆清运/);
    assert.match(timeline, /城管局已反馈办理结果/);
    assert.match(timeline, /环境干净多了/);
    // The public sees roles and departments, not the names of staff, nor internal steps.
    assert.doesNotMatch(timeline, /网格员1|值班员|升级|签收/);
    await assertNoSideways(resident, 'detail');
    await screenshot(resident, 'portal-timeline');
  });

  it('the resident reopens the closed report with a reason', async () => {
    await resident.getByTestId('portal-reopen-open').tap();
    await fill(resident, 'portal-reopen-reason', '第二天东门又堆满了，问题没有根本解决');
    await resident.getByTestId('portal-reopen-submit').tap();
    await resident.locator('[data-testid="portal-detail"][data-status="received"]').waitFor({ timeout: 15_000 });
    assert.equal(await resident.getByTestId('portal-detail-status').innerText(), '已受理');
    await resident.locator('[data-testid="portal-timeline-step"][data-action="reopen"]').waitFor();
    assert.match(await resident.getByTestId('portal-timeline').innerText(), /重新打开[\s\S]*问题没有根本解决/);
    assert.equal(await resident.getByTestId('portal-reopen').count(), 0);
    await resident.context().close();
  });

  it('an anonymous visitor reports from a phone and follows it by the tracking link; a bot filling the honeypot gets no ticket', async () => {
    const context = await phoneContext(browser, point);
    const page = await context.newPage();
    await page.goto(`${server.url}/#/portal/report`);
    await page.getByTestId('portal-report-form').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId('portal-tab-track').count(), 1);
    await fill(page, 'portal-report-description', ANONYMOUS_TEXT);
    await useMyLocation(page, point);
    await fill(page, 'portal-report-address', '花源路与建设路交叉口');
    await addPhoto(page, photo);
    await fill(page, 'portal-report-name', '王女士');
    await fill(page, 'portal-report-phone', '13900002222');
    // People never see the honeypot.
    const honeypot = page.getByTestId('portal-report-website');
    const where = await honeypot.boundingBox();
    assert.ok(where && where.x + where.width < 0, 'the honeypot is off screen');
    await assertNoSideways(page, 'anonymous form');
    await screenshot(page, 'portal-anonymous-form');

    await page.getByTestId('portal-report-submit').tap();
    await page.getByTestId('portal-submitted').waitFor({ timeout: 15_000 });
    const number = (await page.getByTestId('portal-submitted-number').innerText()).trim();
    const link = await page.getByTestId('portal-submitted-link').innerText();
    assert.match(link, /#\/portal\/track\/[\w-]{10,}/);
    await page.getByTestId('portal-submitted-view').tap();
    await page.getByTestId('portal-track').waitFor();
    assert.equal(await page.getByTestId('portal-track-number').innerText(), number);
    assert.equal(await page.getByTestId('portal-track-status').innerText(), '已提交，待受理');
    assert.match(await page.getByTestId('portal-track-timeline').innerText(), /上报/);
    await assertNoSideways(page, 'tracking page');
    await screenshot(page, 'portal-track');

    // The link works in a fresh browser too, and this device remembers the report.
    const other = await browser.newPage({ viewport: PHONE });
    await other.goto(link.trim());
    await other.getByTestId('portal-track').waitFor({ timeout: 15_000 });
    await other.close();
    await page.getByTestId('portal-tab-track').tap();
    await page.getByTestId('portal-track-saved').waitFor();
    assert.match(await page.getByTestId('portal-track-saved').innerText(), new RegExp(number));

    // A bot fills every field, the hidden one too: refused, and no ticket is filed.
    await page.getByTestId('portal-tab-report').tap();
    await page.getByTestId('portal-report-form').waitFor();
    await fill(page, 'portal-report-description', BOT_TEXT);
    await useMyLocation(page, point);
    await honeypot.fill('http://spam.example', { force: true });
    await page.getByTestId('portal-report-submit').tap();
    await page.getByTestId('portal-report-error').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId('portal-submitted').count(), 0);

    const op = await staff(server.url, 'community_op');
    try {
      const filed = await ticketsMatching(op, ANONYMOUS_TEXT);
      assert.equal(filed.length, 1);
      assert.equal(filed[0]!.number, number);
      assert.equal(filed[0]!.gridName, '马家吉社区第一网格');
      assert.equal(filed[0]!.photos.length, 1);
      assert.equal(filed[0]!.reporterName, '王女士');
      assert.equal((await ticketsMatching(op, BOT_TEXT)).length, 0);
    } finally {
      await op.dispose();
    }

    // Over the limit of anonymous reports from one address, the form says so (429).
    const statuses = await page.evaluate(async () => {
      const seen: number[] = [];
      for (let i = 0; i < 8 && !seen.includes(429); i++) {
        const res = await fetch('/api/public/tickets', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ description: '批量提交测试', lon: 0, lat: 0, website: 'x' }),
        });
        seen.push(res.status);
      }
      return seen;
    });
    assert.ok(statuses.includes(429), `rate limited: ${statuses.join(',')}`);
    await honeypot.fill('', { force: true });
    await fill(page, 'portal-report-description', '小区门口井盖松动，踩上去会晃');
    await page.getByTestId('portal-report-submit').tap();
    await page.locator('[data-testid="portal-report-error"]').filter({ hasText: '频繁' }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'portal-anonymous-rate-limited');
    await context.close();
  });
});
