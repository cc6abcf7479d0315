/**
 * In the real browser at a phone's size, the grid worker's door-to-door survey without network:
 * gw1 opens the survey task page online (their own pending tasks, as a list and as points on a
 * map at each household's building; the service worker keeps the shell, the task list and the
 * campaign's form are remembered), taps a point (the form opens with the household's number
 * and address at the top and the address already in its field), goes offline, opens the task
 * from the list, fills the survey (a member, the phone's location, a photo, the resident's
 * signature), sees it under "待发送", reloads still offline (the page opens from the service
 * worker, the answer still waits, the map still draws, with the outline of gw1's own grid
 * remembered on the phone), goes online: it is sent once. Then the same submission is
 * replayed twice, as a phone whose answer was lost would: put back in the phone's queue and sent
 * again by the queue (same submission key, same files), and posted again to the API with the
 * same answer id. The campaign still holds exactly ONE answer for that task, the task is done,
 * with the very photo and the signature.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { type APIRequestContext, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { SurveyAnswer, SurveyAnswerReceipt, SurveyTask } from '@gridgov/contracts';
import { choose, input, launchBrowser, loginAs, screenshot, startServer, watchCsp, type E2eServer } from './harness.js';
import { HERE, PHONE, PNG, queueCount, staff, waitFor } from './offline-kit.js';

const PURPOSE = encodeURIComponent('离线走访核对');
const MEMBER = '离线户主王芳';

async function taskOf(api: APIRequestContext, id: string): Promise<SurveyTask> {
  const res = await api.get(`/api/survey-tasks/${id}`);
  assert.equal(res.status(), 200, await res.text());
  return (await res.json()) as SurveyTask;
}

/** Every answer of a campaign for one task, read by the community's operator with a purpose. */
async function answersFor(api: APIRequestContext, campaignId: string, taskId: string): Promise<SurveyAnswer[]> {
  const found: SurveyAnswer[] = [];
  for (let page = 1; ; page++) {
    const res = await api.get(`/api/survey-campaigns/${campaignId}/answers?purpose=${PURPOSE}&page=${page}&pageSize=200`);
    assert.equal(res.status(), 200, await res.text());
    const body = (await res.json()) as { items: SurveyAnswer[]; total: number };
    found.push(...body.items.filter((a) => a.taskId === taskId));
    if (page * 200 >= body.total) return found;
  }
}

/** The screen position of a point on the map, from the view the map container carries (`data-view`: lon,lat,zoom). */
async function pixelOf(page: Page, testId: string, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const map = page.getByTestId(testId);
  const view = (await map.getAttribute('data-view')) ?? '';
  const [clon, clat, zoom] = view.split(',').map(Number) as [number, number, number];
  const box = (await map.boundingBox())!;
  const world = 512 * 2 ** zoom;
  const x = (l: number) => ((l + 180) / 360) * world;
  const y = (a: number) => ((1 - Math.log(Math.tan((a * Math.PI) / 180) + 1 / Math.cos((a * Math.PI) / 180)) / Math.PI) / 2) * world;
  return { x: box.x + box.width / 2 + (x(lon) - x(clon)), y: box.y + box.height / 2 + (y(lat) - y(clat)) };
}


/**
 * The phone's queue as stored (IndexedDB), for this test to copy aside (`stash`), put back as
 * never sent (`restore`: the phone that lost the server's answer sends it again), or count. Plain
 * JavaScript in a string: the test runner's transform would name the helpers with a function the
 * page does not have.
 */
const QUEUE_SCRIPT = `async (what) => {
  const open = (name, create) => new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => { if (create) req.result.createObjectStore('submissions', { keyPath: 'id' }); };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const all = (db) => new Promise((resolve, reject) => {
    const req = db.transaction('submissions').objectStore('submissions').getAll();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const put = (db, items) => new Promise((resolve, reject) => {
    const tx = db.transaction('submissions', 'readwrite');
    for (const item of items) tx.objectStore('submissions').put(item);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  const queue = await open('gridgov-offline', false);
  if (what === 'count') return (await all(queue)).length;
  const copy = await open('e2e-replay', true);
  if (what === 'stash') {
    const items = await all(queue);
    await put(copy, items);
    return items.length;
  }
  const items = (await all(copy)).map((item) => ({ ...item, state: 'waiting', attempts: 0, nextAttemptAt: 0 }));
  await put(queue, items);
  return items.length;
}`;

function phoneQueue(page: Page, action: 'stash' | 'restore' | 'count'): Promise<number> {
  return page.evaluate(`(${QUEUE_SCRIPT})(${JSON.stringify(action)})`) as Promise<number>;
}

describe('browser: the grid worker surveys a household offline', () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let gw1: APIRequestContext;
  let op: APIRequestContext;
  let csp: string[];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    [gw1, op] = await Promise.all([staff(server.url, 'gw1'), staff(server.url, 'community_op')]);
    context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN', geolocation: HERE, permissions: ['geolocation'] });
    page = await context.newPage();
    csp = watchCsp(page);
  });
  after(async () => {
    await gw1?.dispose();
    await op?.dispose();
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the worker\'s own tasks on a list and a map, answers one offline, and keeps one answer through a reload and two replays', async () => {
    await loginAs(page, server.url, 'gw1');
    await page.goto(`${server.url}/#/campaigns/tasks`);
    await page.getByTestId('survey-tasks-page').waitFor();
    const rows = page.locator('[data-testid="survey-task-list"] .ant-list-item');
    await rows.first().waitFor();

    // Their own pending tasks (the API's), each household placed at its building.
    const mine = ((await (await gw1.get('/api/survey-tasks?status=pending&pageSize=200')).json()) as { items: SurveyTask[]; total: number });
    assert.ok(mine.total > 0 && mine.total <= 200, `gw1 has pending tasks (${mine.total})`);
    assert.equal(await rows.count(), mine.total, 'the list is the worker\'s own');
    const placed = mine.items.filter((x) => x.lon !== null && x.lat !== null);
    assert.ok(placed.length > 0, 'tasks carry their household\'s point');
    await screenshot(page, 'campaigns-tasks-list-phone');

    // Online once: the service worker keeps the shell, the task list and the form are remembered.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null && Object.keys(localStorage).some((k) => k.includes('survey-form-')));

    // The map: one point per building, every placed task counted, fitted to the tasks.
    await page.getByTestId('survey-view').getByText('地图').click();
    const map = page.locator('[data-testid="survey-task-map"][data-ready="true"]');
    await map.waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="survey-task-map"] canvas').waitFor();
    assert.equal(Number(await map.getAttribute('data-points')), placed.length);
    const places = new Set(placed.map((x) => `${x.lon!.toFixed(5)},${x.lat!.toFixed(5)}`));
    assert.equal(Number(await map.getAttribute('data-spots')), places.size, 'households of one building share a point');
    assert.equal(await page.getByTestId('survey-map-count').innerText(), `地图上 ${placed.length} 户，${mine.total - placed.length} 户未定位`);
    // The outline of the worker's own grid (the grids register's polygon), drawn and kept on the phone.
    const me = (await (await gw1.get('/api/auth/me')).json()) as { id: string; scope: { gridId: string | null } };
    assert.ok(me.scope.gridId, 'gw1 works in a grid');
    await page.locator('[data-testid="survey-task-map"][data-outline="1"]').waitFor();
    const kept = (await page.evaluate(`localStorage.getItem('gridgov.offline.ref.${me.id}.own-grid-outline')`)) as string | null;
    assert.deepEqual(
      (JSON.parse(kept ?? '{"features":[]}') as { features: { properties: { id: string } }[] }).features.map((f) => f.properties.id),
      [me.scope.gridId],
      'only the worker\'s own grid is kept',
    );
    await page.waitForFunction(() => (document.querySelector('[data-testid="survey-task-map"]') as HTMLElement | null)?.dataset.view !== undefined);
    await page.waitForTimeout(500);
    await screenshot(page, 'campaigns-tasks-map-phone');

    // A tap on the point of a household (with others in its building, a list to choose from) opens its form.
    const target = placed.find((x) => x.kind === 'visit' && x.address) ?? placed[0]!;
    const at = await pixelOf(page, 'survey-task-map', target.lon!, target.lat!);
    await page.touchscreen.tap(at.x, at.y);
    const chooser = page.getByTestId('survey-task-map-chooser');
    await chooser.or(page.getByTestId('survey-answer-form')).first().waitFor();
    if (await chooser.isVisible()) {
      await screenshot(page, 'campaigns-tasks-map-chooser');
      await page.getByTestId(`survey-task-map-choose-${target.id}`).click();
    }
    await page.getByTestId('survey-answer-form').waitFor();
    // Which door: the number and the address on top, the address already in the form.
    assert.equal(await page.getByTestId('survey-household-number').innerText(), target.householdNumber);
    assert.equal(await page.getByTestId('survey-household-address').innerText(), target.address ?? '未登记住址');
    assert.equal(await input(page, 'survey-answers-address-input').inputValue(), target.address ?? '');
    await page.getByTestId('survey-back').click();
    await map.waitFor();

    // No signal in the stairwell: the task opens from the list, its form from the phone.
    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    await page.getByTestId('survey-view').getByText('列表').click();
    await page.getByTestId(`survey-task-${target.id}`).click();
    await page.getByTestId('survey-answer-form').waitFor();
    assert.equal(await input(page, 'survey-answers-address-input').inputValue(), target.address ?? '');
    const field = (path: string) => page.getByTestId(`survey-answers-${path}`);
    await field('visit_result').getByText('见到住户').click();
    await field('members[0]').waitFor();
    await input(page, 'survey-answers-members[0].name-input').fill(MEMBER);
    await choose(page, field('members[0].relation').locator('.ant-select'), '户主');
    await input(page, 'survey-answers-members[0].temperature-input').fill('36.6');
    await field('members[0].travelled').getByText('否', { exact: true }).click();
    await field('members[0].contact').getByText('无', { exact: true }).click();
    // Where the visit was: the form's own location field, from the phone (no second location button).
    assert.equal(await page.getByTestId('survey-locate').count(), 0);
    await page.getByTestId('survey-answers-place-input-mine').click();
    await page.getByTestId('survey-answers-place-input-point').filter({ hasText: String(HERE.longitude) }).waitFor();
    await page.locator('[data-testid="survey-answers-photos-input"] input[type="file"]').setInputFiles({ name: '门牌.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('[data-testid="survey-answers-photos-input"] .ant-upload-list-item').first().waitFor();
    const canvas = page.getByTestId('survey-answers-resident_signature-input-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 90, { steps: 8 });
    await page.mouse.move(box.x + 200, box.y + 50, { steps: 8 });
    await page.mouse.up();
    await page.getByTestId('survey-answers-resident_signature-input-confirm').click();
    await page.getByTestId('survey-answers-resident_signature-input-image').waitFor();
    await field('worker_confirm').locator('input[type="checkbox"]').check();
    await screenshot(page, 'campaigns-survey-form-offline');
    await page.getByTestId('survey-send').click();

    // Back on the list, the answer waits on the phone, and the task says so.
    await page.getByTestId('offline-queue').waitFor();
    assert.equal(await queueCount(page), 1);
    const item = page.locator('[data-testid^="offline-item-"][data-state]').first();
    assert.equal(await item.getAttribute('data-state'), 'waiting');
    assert.match(await item.innerText(), new RegExp(target.householdNumber));
    assert.match(await item.innerText(), /2 张照片/, 'the photo and the signature wait with it');
    await page.getByTestId(`survey-task-waiting-${target.id}`).waitFor();
    await screenshot(page, 'campaigns-survey-queued');

    // Still offline: the page reloads from the service worker, the answer is still waiting.
    await page.reload();
    await page.getByTestId('survey-tasks-page').waitFor({ timeout: 30_000 });
    await page.getByTestId('offline-banner').waitFor();
    await page.getByTestId('offline-queue').waitFor();
    assert.equal(await queueCount(page), 1);
    assert.equal((await taskOf(gw1, target.id)).status, 'pending', 'nothing reached the server while offline');
    // The map draws offline too: the points are the phone's, the map settings their defaults.
    await page.getByTestId('survey-view').getByText('地图').click();
    await map.waitFor({ timeout: 30_000 });
    assert.equal(Number(await map.getAttribute('data-points')), placed.length);
    await page.locator('[data-testid="survey-task-map"][data-outline="1"]').waitFor();
    await screenshot(page, 'campaigns-tasks-map-offline');
    await page.getByTestId('survey-view').getByText('列表').click();
    await page.getByTestId(`survey-task-waiting-${target.id}`).waitFor();
    // A copy of the submission as it stands on the phone, for the replay below.
    assert.equal(await phoneQueue(page, 'stash'), 1);

    await context.setOffline(false);
    await page.getByTestId('offline-queue').waitFor({ state: 'detached', timeout: 30_000 });
    await waitFor(async () => (await taskOf(gw1, target.id)).status === 'done', 'the task done on the server');
    const first = await answersFor(op, target.campaignId, target.id);
    assert.equal(first.length, 1, 'one answer');

    // Replay 1: the same submission back in the phone's queue (its answer was lost), sent again by the queue.
    assert.equal(await phoneQueue(page, 'restore'), 1);
    await page.reload();
    await page.getByTestId('survey-tasks-page').waitFor();
    await waitFor(async () => (await phoneQueue(page, 'count')) === 0, 'the replayed submission accepted and gone from the phone');
    assert.equal(await page.getByTestId('offline-queue').count(), 0, 'nothing refused, nothing waiting');

    // Replay 2: the same answer posted again (same answer id), without the queue's key.
    const answer = first[0]!;
    const again = await gw1.post(`/api/survey-tasks/${target.id}/answers`, {
      data: { clientId: answer.id, formVersion: answer.formVersion, answers: { ...answer.answers } },
    });
    assert.equal(again.status(), 200, await again.text());
    const receipt = (await again.json()) as SurveyAnswerReceipt;
    assert.deepEqual([receipt.id, receipt.taskId, receipt.created], [answer.id, target.id, false], 'the first answer, given back');

    // Exactly one answer, the task done and gone from the worker's list.
    const answers = await answersFor(op, target.campaignId, target.id);
    assert.equal(answers.length, 1, 'exactly one answer for the task');
    const done = await taskOf(gw1, target.id);
    assert.equal(done.status, 'done');
    const stored = answers[0]!;
    assert.equal(stored.id, answer.id);
    assert.equal(stored.answers.address, target.address ?? undefined, 'the prefilled address');
    assert.equal((stored.answers.members as { name: string }[])[0]!.name, MEMBER);
    assert.deepEqual(stored.answers.place, { lon: HERE.longitude, lat: HERE.latitude }, 'where the phone was');
    const photos = stored.answers.photos as { id: string }[];
    assert.equal(photos.length, 1);
    const photo = await gw1.get(`/api/attachments/${photos[0]!.id}`);
    assert.equal(photo.status(), 200);
    assert.deepEqual(Buffer.from(await photo.body()), PNG, 'the very photo taken offline');
    const signature = await gw1.get(`/api/attachments/${(stored.answers.resident_signature as { id: string }).id}`);
    assert.equal(signature.status(), 200);
    assert.equal((await signature.body()).subarray(1, 4).toString(), 'PNG', 'the signature drawn offline');
    await page.getByTestId(`survey-task-${target.id}`).waitFor({ state: 'detached' });

    assert.deepEqual(csp, [], 'no Content-Security-Policy violation');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `the page fits the phone (${width}px)`);

    // Signing out wipes what the phone kept for gw1: the task list, the forms and the outline.
    await page.getByTestId('header-logout').click();
    await page.getByTestId('login-submit').waitFor();
    const left = (await page.evaluate(`Object.keys(localStorage).filter((k) => k.startsWith('gridgov.offline.ref.${me.id}.'))`)) as string[];
    assert.deepEqual(left, [], 'nothing of gw1 remembered after sign-out');
  });
});
