/**
 * In the real browser at a phone's size, the grid worker's key-person visit without network:
 * gw1 opens the visit page online (their own people, overdue first, with the category; the
 * service worker keeps the shell, the visit form is remembered), goes offline, writes a visit
 * (way, findings, the phone's location, a photo, risk observations and the person's signature
 * from the visit form), sees it under "待发送", reloads still offline (the page opens from the
 * service worker, the visit still waits), goes online: the archive holds exactly one such visit
 * with its point, the very photo and the signature.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { KpDetail, KpSummary } from '@gridgov/contracts';
import { input, launchBrowser, loginAs, screenshot, startServer, watchCsp, type E2eServer } from './harness.js';
import { HERE, PHONE, PNG, queueCount, staff, waitFor } from './offline-kit.js';

const FINDINGS = '离线走访：本人在家，近期与邻居因噪音口角，已劝导';
const PURPOSE = encodeURIComponent('离线走访核对');

async function visitsWith(api: APIRequestContext, id: string, text: string): Promise<KpDetail['visits']> {
  const res = await api.get(`/api/keypersons/${id}?purpose=${PURPOSE}`);
  assert.equal(res.status(), 200, await res.text());
  return ((await res.json()) as KpDetail).visits.filter((v) => v.findings === text);
}


describe('browser: the grid worker logs a key-person visit offline', () => {
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
    context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN', geolocation: HERE, permissions: ['geolocation'] });
    page = await context.newPage();
    csp = watchCsp(page);
  });
  after(async () => {
    await gw1?.dispose();
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('lists only the worker\'s own people, writes a visit offline, survives a reload offline, and is sent once when the network returns', async () => {
    await loginAs(page, server.url, 'gw1');
    await page.goto(`${server.url}/#/keypersons/visit`);
    await page.getByTestId('kp-purpose-gate').waitFor();
    await input(page, 'kp-purpose-input').fill('入户走访');
    await page.getByTestId('kp-purpose-confirm').click();
    const rows = page.locator('[data-testid^="kp-visit-pick-"]');
    await rows.first().waitFor();

    // Their own people (the API's "mine"), overdue first, each with the category gw1 may see.
    const mine = ((await (await gw1.get('/api/keypersons?mine=true&pageSize=200')).json()) as { items: KpSummary[] }).items;
    assert.ok(mine.length > 0);
    assert.equal(await rows.count(), mine.length, 'the list is the worker\'s own');
    const flags = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-overdue')));
    assert.deepEqual(flags, [...flags].sort((a, b) => (a === b ? 0 : a === 'true' ? -1 : 1)), 'overdue first');
    assert.equal(await page.locator('[data-testid^="kp-visit-category-"]').count(), mine.length, 'the category, for who may see it');
    await screenshot(page, 'keypersons-visit-list-phone');

    // Online once: the service worker keeps the shell, the visit form is remembered.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null && Object.keys(localStorage).some((k) => k.includes('keyperson-visit-form')));

    // An adult's archive: a minor's is read (below, to check the visit arrived) only with an approval.
    const adult = mine.find((k) => !k.minor);
    assert.ok(adult, 'gw1 has an adult key person');
    const id = adult.id;
    const first = page.getByTestId(`kp-visit-pick-${id}`);
    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    await first.click();
    await page.getByTestId('kp-visit-form').waitFor();
    await input(page, 'kp-visit-findings').fill(FINDINGS);
    await page.getByTestId('kp-visit-locate').click();
    await page.getByTestId('kp-visit-point').waitFor();
    await page.locator('[data-testid="kp-visit-photos"] input[type="file"]').setInputFiles({ name: '走访.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('[data-testid="kp-visit-photos"] .ant-upload-list-item').first().waitFor();
    const signs = page.getByTestId('kp-visit-answers-risk_signs-input');
    await signs.getByText('与他人矛盾冲突').click();
    // The note shows once a risk is ticked; sending without it is refused on its field, offline too.
    await page.getByTestId('kp-visit-send').click();
    await page.getByTestId('kp-visit-answers-risk_note').locator('.ant-form-item-explain-error').waitFor();
    await input(page, 'kp-visit-answers-risk_note-input').fill('与邻居因噪音争吵两次，已调解');
    const canvas = page.getByTestId('kp-visit-answers-signature-input-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 90, { steps: 8 });
    await page.mouse.move(box.x + 200, box.y + 50, { steps: 8 });
    await page.mouse.up();
    await page.getByTestId('kp-visit-answers-signature-input-confirm').click();
    await page.getByTestId('kp-visit-answers-signature-input-image').waitFor();
    await screenshot(page, 'keypersons-visit-form-offline');
    await page.getByTestId('kp-visit-send').click();

    // Back on the list, the visit waits on the phone.
    await page.getByTestId('offline-queue').waitFor();
    assert.equal(await queueCount(page), 1);
    const item = page.locator('[data-testid^="offline-item-"][data-state]').first();
    assert.equal(await item.getAttribute('data-state'), 'waiting');
    assert.match(await item.innerText(), /2 张照片|1 张照片/);
    await screenshot(page, 'keypersons-visit-queued');

    // Still offline: the page reloads from the service worker, the visit is still waiting.
    await page.reload();
    await page.getByTestId('kp-visit-page').waitFor({ timeout: 30_000 });
    await page.getByTestId('offline-banner').waitFor();
    await page.getByTestId('offline-queue').waitFor();
    assert.equal(await queueCount(page), 1);
    assert.deepEqual(await visitsWith(gw1, id, FINDINGS), [], 'nothing reached the server while offline');

    await context.setOffline(false);
    await page.getByTestId('offline-queue').waitFor({ state: 'detached', timeout: 30_000 });
    await waitFor(async () => (await visitsWith(gw1, id, FINDINGS)).length > 0, 'the visit on the server');
    // Sent again for good measure (a lost answer, a reload): still one.
    await page.reload();
    await page.getByTestId('kp-visit-page').waitFor();
    await page.waitForLoadState('networkidle');
    const logged = await visitsWith(gw1, id, FINDINGS);
    assert.equal(logged.length, 1, 'exactly one visit');
    const visit = logged[0]!;
    assert.deepEqual([visit.lon, visit.lat], [HERE.longitude, HERE.latitude], 'where the phone was');
    assert.deepEqual(visit.answers.risk_signs, ['conflict']);
    assert.equal(visit.answers.risk_note, '与邻居因噪音争吵两次，已调解');
    assert.equal(visit.photoIds.length, 1);
    const photo = await gw1.get(`/api/attachments/${visit.photoIds[0]!}`);
    assert.equal(photo.status(), 200);
    assert.deepEqual(Buffer.from(await photo.body()), PNG, 'the very photo taken offline');
    const signature = await gw1.get(`/api/attachments/${(visit.answers.signature as { id: string }).id}`);
    assert.equal(signature.status(), 200);
    assert.ok((await signature.body()).subarray(1, 4).toString() === 'PNG', 'the signature drawn offline');
    assert.deepEqual(csp, [], 'no Content-Security-Policy violation');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `the page fits the phone (${width}px)`);
  });
});
