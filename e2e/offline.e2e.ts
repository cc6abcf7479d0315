/**
 * In the real browser at a phone's size, the grid worker's report without network: gw1 opens the
 * report page once online (the service worker keeps the app shell, the categories are
 * remembered), goes offline, files a report with a photo, sees it under "待发送", reloads the page
 * still offline (the shell opens from the service worker, the report is still there), goes
 * online, and the report is sent once: the API shows exactly one ticket with that text and its
 * photo. A report left by gw1 whose session ended is neither shown to nor sent by gw2 signing in
 * on the same phone; back as gw1 it is sent; signing out with something unsent asks first.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Ticket } from '@gridgov/contracts';
import { interiorPoint } from '../server/src/platform/geo/polygon.js';
import { input, launchBrowser, loginAs, screenshot, startServer, watchCsp, type E2eServer } from './harness.js';
import { PHONE, PNG, queueCount, staff, waitFor } from './offline-kit.js';

const FIRST = '离线上报：幸福路12号井盖破损，行人有坠落危险';
const SECOND = '离线上报：幸福路路灯不亮，会话过期后仍在本机';

async function ticketsWith(api: APIRequestContext, text: string): Promise<Ticket[]> {
  const res = await api.get(`/api/tickets?q=${encodeURIComponent(text)}&pageSize=50`);
  assert.equal(res.status(), 200, await res.text());
  return ((await res.json()) as { items: Ticket[] }).items.filter((t) => t.description === text);
}

/** A point inside gw1's grid (a grid worker files within their grid). */
let spot: [number, number] = [0, 0];

async function fileReport(page: Page, text: string): Promise<void> {
  await input(page, 'intake-description').fill(text);
  await input(page, 'intake-lon').fill(String(spot[0]));
  await input(page, 'intake-lat').fill(String(spot[1]));
  const category = page.getByTestId('intake-category');
  await category.click();
  await page.keyboard.type('道路破损');
  await page.locator('.ant-select-tree-treenode').filter({ hasText: '道路破损' }).first().click();
  await category.filter({ hasText: '道路破损' }).waitFor();
  await input(page, 'intake-address').fill('幸福路12号');
  await page.locator('[data-testid="intake-photos"] input[type="file"]').setInputFiles({ name: '井盖.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('[data-testid="intake-photos"] .ant-upload-list-item').first().waitFor();
  await page.getByTestId('intake-submit').click();
}


describe('browser: the grid worker files a report offline', () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let gw1: APIRequestContext;
  let csp: string[];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    gw1 = await staff(server.url, 'gw1');
    const shapes = (await (await gw1.get('/api/grids/geojson')).json()) as { features: { geometry: { coordinates: number[][][] } }[] };
    spot = interiorPoint(shapes.features[0]!.geometry.coordinates);
    context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    page = await context.newPage();
    csp = watchCsp(page);
  });
  after(async () => {
    await gw1?.dispose();
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('files offline, survives a reload offline, is sent once with its photo when the network returns', async () => {
    await loginAs(page, server.url, 'gw1');
    await page.goto(`${server.url}/#/tickets/new`);
    await page.getByTestId('intake-page').waitFor();
    // Online once: the service worker keeps the shell, the categories are remembered.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null && Object.keys(localStorage).some((k) => k.includes('ticket-categories')));

    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    // The worker's grid, remembered from the session, in place of the lookup that needs the network.
    assert.match(await page.getByTestId('intake-offline-grid').innerText(), /您的网格/);
    await fileReport(page, FIRST);
    await page.getByTestId('offline-queue').waitFor();
    assert.equal(await queueCount(page), 1);
    assert.match(await page.getByTestId('offline-queue-title').innerText(), /待发送（1）/);
    const item = page.locator('[data-testid^="offline-item-"][data-state]').first();
    assert.equal(await item.getAttribute('data-state'), 'waiting');
    assert.match(await item.innerText(), /幸福路12号井盖破损/);
    assert.match(await item.innerText(), /1 张照片/);
    // The form is empty again for the next report.
    assert.equal(await input(page, 'intake-description').inputValue(), '');
    await screenshot(page, 'offline-queued');

    // Still offline: the page reloads from the service worker, the report is still waiting.
    await page.reload();
    await page.getByTestId('intake-page').waitFor({ timeout: 30_000 });
    await page.getByTestId('offline-banner').waitFor();
    await page.getByTestId('offline-queue').waitFor();
    assert.equal(await queueCount(page), 1);
    assert.deepEqual(await ticketsWith(gw1, FIRST), [], 'nothing reached the server while offline');

    await context.setOffline(false);
    await page.getByTestId('offline-queue').waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
    await waitFor(async () => (await ticketsWith(gw1, FIRST)).length > 0, 'the report on the server');
    // Sent again for good measure (a lost answer): still one.
    await page.reload();
    await page.getByTestId('intake-page').waitFor();
    const filed = await ticketsWith(gw1, FIRST);
    assert.equal(filed.length, 1, 'exactly one ticket');
    const detail = (await (await gw1.get(`/api/tickets/${filed[0]!.id}`)).json()) as Ticket;
    assert.equal(detail.photos.length, 1, 'with its photo');
    assert.equal(detail.address, '幸福路12号');
    const photo = await gw1.get(`/api/attachments/${detail.photos[0]!.id}`);
    assert.equal(photo.status(), 200);
    assert.deepEqual(Buffer.from(await photo.body()), PNG, 'the very photo taken offline');
    assert.deepEqual(csp, [], 'no Content-Security-Policy violation');
  });

  it('a queue belongs to its account: another user on the same phone neither sees nor sends it', async () => {
    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    await fileReport(page, SECOND);
    await page.getByTestId('offline-queue').waitFor();
    // The session ends while offline (expired on the server): the report stays on the phone.
    await context.clearCookies();
    await context.setOffline(false);
    await page.getByTestId('login-submit').waitFor({ timeout: 30_000 });

    await loginAs(page, server.url, 'gw2');
    await page.goto(`${server.url}/#/tickets/new`);
    await page.getByTestId('intake-page').waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByTestId('offline-queue').count(), 0, 'gw2 sees nothing of gw1\'s queue');
    assert.deepEqual(await ticketsWith(gw1, SECOND), [], 'gw2\'s session did not send it');
    const kept = await page.evaluate(
      () =>
        new Promise<{ owner: string; state: string }[]>((resolve, reject) => {
          const opened = indexedDB.open('gridgov-offline');
          opened.onerror = () => reject(opened.error);
          opened.onsuccess = () => {
            const all = opened.result.transaction('submissions').objectStore('submissions').getAll();
            all.onsuccess = () => resolve((all.result as { owner: string; state: string }[]).map((i) => ({ owner: i.owner, state: i.state })));
          };
        }),
    );
    assert.equal(kept.length, 1, 'gw1\'s report is still on the phone, unsent');
    // A send that the sign-in page cut off stays 'sending' in storage; the queue shows and retries it as waiting.
    assert.ok(['waiting', 'sending'].includes(kept[0]!.state), kept[0]!.state);

    // gw2 leaves (nothing of theirs waits: no question); gw1 returns and the report goes.
    await page.getByTestId('header-logout').click();
    await page.getByTestId('login-submit').waitFor();
    await loginAs(page, server.url, 'gw1');
    await page.goto(`${server.url}/#/tickets/new`);
    await page.getByTestId('intake-page').waitFor();
    await waitFor(async () => (await ticketsWith(gw1, SECOND)).length === 1, 'gw1\'s report sent on their return');
  });

  it('signing out with something unsent warns first, and only then deletes it', async () => {
    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    const text = '离线上报：退出前的未发送记录';
    await fileReport(page, text);
    await page.getByTestId('offline-queue').waitFor();
    await page.getByTestId('header-logout').click();
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.filter({ hasText: '还有 1 条记录未发送' }).waitFor();
    await dialog.getByRole('button', { name: '暂不退出' }).click();
    assert.equal(await queueCount(page), 1, 'kept when the person stays');
    await page.getByTestId('header-logout').click();
    await page.getByTestId('signout-discard-confirm').click();
    await page.getByTestId('login-submit').waitFor({ timeout: 30_000 });
    await context.setOffline(false);
    // Signed out offline, the server's session could not be ended yet: sign in as whoever the
    // page now finds, and back to the report page as gw1.
    await page.reload();
    const back = page.getByTestId('header-scope').or(page.getByTestId('login-submit'));
    await back.first().waitFor();
    if (await page.getByTestId('login-submit').isVisible()) await loginAs(page, server.url, 'gw1');
    await page.goto(`${server.url}/#/tickets/new`);
    await page.getByTestId('intake-page').waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByTestId('offline-queue').count(), 0, 'deleted from the phone');
    assert.deepEqual(await ticketsWith(gw1, text), []);
  });
});
