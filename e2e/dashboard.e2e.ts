/**
 * In the real browser, the command-centre dashboard (M11): the city operator lands on it and sees
 * the map, every KPI tile and the four charts; drills from the city down to a grid by clicking
 * (the last step on the map, through the grid's card) and back up with the breadcrumb; a ticket
 * filed through the API shows in the live feed within a second; the big screen fills a
 * 1920×1080 display without overlaps. A township operator starts at their township and is told,
 * without data, that another township is not theirs.
 *
 * The demo city starts without ticket history, so the suite first takes a few tickets of the
 * first grid through the closed loop (through the API): some closed on time and rated, one by a
 * department, one left open.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { divisionPrefix, tileValue, type DashboardMap, type DashboardOverview, type Department, type Ticket, type TicketAction } from '@gridgov/contracts';
import { DEMO_PASSWORD } from '../server/src/modules/demo/seed-demo.js';
import { launchBrowser, loginAs, screenshot, startServer, type E2eServer } from './harness.js';

const KPI_KEYS: string[] = [
  'residents', 'households', 'gridWorkers', 'ticketsToday', 'openTickets', 'overdueTickets', 'onTimeRate', 'satisfaction', 'pendingSummonses',
];
const CHARTS = ['trend', 'categories', 'departments', 'ranking'] as const;

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  assert.equal(res.status(), 200, `${url}: ${await res.text()}`);
  return (await res.json()) as T;
}

function dashboard(page: Page, key: string): Locator {
  return page.locator(`[data-testid="dashboard-page"][data-place="${key}"]`);
}

/** The dashboard of `key` with its tiles filled in. */
async function waitForPlace(page: Page, key: string, level?: string): Promise<void> {
  await dashboard(page, key).waitFor({ timeout: 15_000 });
  if (level) await page.locator(`[data-testid="dashboard-page"][data-place="${key}"][data-level="${level}"]`).waitFor({ timeout: 15_000 });
  await page.locator('[data-testid="kpi-residents"]:not([data-value=""])').waitFor({ timeout: 15_000 });
}

/** How many pixels of a canvas are painted (not transparent). */
async function paintedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!data) return 0;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
    return painted;
  });
}

/** Every chart drawn on a canvas, with data points behind it. */
async function assertCharts(page: Page): Promise<void> {
  for (const chart of CHARTS) {
    const box = page.getByTestId(`chart-${chart}`);
    await box.waitFor({ timeout: 15_000 });
    assert.ok(Number(await box.getAttribute('data-items')) > 0, `${chart} has data`);
    const canvas = box.locator('canvas').first();
    await canvas.waitFor();
    await page.waitForTimeout(100);
    assert.ok((await paintedPixels(canvas)) > 500, `${chart} is drawn`);
  }
}

/** The map drawn, fitted to `key`, with its grids. */
async function waitForMap(page: Page, key: string): Promise<Locator> {
  const map = page.locator(`[data-testid="dashboard-map"][data-ready="true"][data-place="${key}"][data-fitted="true"]`);
  await map.waitFor({ timeout: 30_000 });
  await map.locator('canvas.maplibregl-canvas').waitFor();
  return map;
}

/** Where on the page a point of the map is, from the map's current view (Web Mercator). */
async function screenPoint(map: Locator, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const box = await map.boundingBox();
  assert.ok(box);
  const [west, south, east, north] = ((await map.getAttribute('data-bounds')) ?? '').split(',').map(Number) as [number, number, number, number];
  const mercator = (value: number) => Math.log(Math.tan(Math.PI / 4 + (value * Math.PI) / 360));
  return {
    x: box.x + ((lon - west) / (east - west)) * box.width,
    y: box.y + ((mercator(north) - mercator(lat)) / (mercator(north) - mercator(south))) * box.height,
  };
}

// ---------- ticket history through the API ----------
async function staff(base: string, username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: base });
  const res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  assert.equal(res.status(), 200, `${username} signs in: ${await res.text()}`);
  return api;
}

/** Takes a transition with the ticket's current version. */
async function act(api: APIRequestContext, id: string, action: TicketAction, extra: Record<string, unknown> = {}): Promise<Ticket> {
  const current = (await (await api.get(`/api/tickets/${id}`)).json()) as Ticket;
  assert.ok(current.actions.includes(action), `${action} is offered: ${current.actions.join(',')}`);
  const res = await api.post(`/api/tickets/${id}/${action}`, { data: { version: current.version, ...extra } });
  assert.equal(res.status(), 200, `${action}: ${await res.text()}`);
  return (await res.json()) as Ticket;
}

interface SeededGrid {
  id: string;
  name: string;
  regionCode: string;
  /** A point in the grid, `fx` and `fy` of the way across it. */
  at: (fx: number, fy: number) => { lon: number; lat: number };
}

/**
 * The first grid's tickets: two handled in the grid and closed, one dispatched to 城管局 and
 * closed after it reported back (each rated by the resident who reported it), one left open.
 */
async function seedHistory(base: string): Promise<SeededGrid> {
  const [resident, gw1, op, handler] = await Promise.all([staff(base, 'resident1'), staff(base, 'gw1'), staff(base, 'community_op'), staff(base, 'handler')]);
  try {
    const shapes = (await (await gw1.get('/api/grids/geojson')).json()) as {
      features: { properties: { id: string; name: string; regionCode: string }; geometry: { coordinates: number[][][] } }[];
    };
    const grid = shapes.features[0];
    assert.ok(grid, 'gw1 has a grid');
    const ring = grid.geometry.coordinates[0] ?? [];
    const [west, east] = [Math.min(...ring.map((p) => p[0]!)), Math.max(...ring.map((p) => p[0]!))];
    const [south, north] = [Math.min(...ring.map((p) => p[1]!)), Math.max(...ring.map((p) => p[1]!))];
    const at = (fx: number, fy: number) => ({ lon: Math.round((west + fx * (east - west)) * 1e6) / 1e6, lat: Math.round((south + fy * (north - south)) * 1e6) / 1e6 });
    const report = async (description: string, point: { lon: number; lat: number }) => {
      const res = await resident.post('/api/tickets', { data: { description, ...point } });
      assert.equal(res.status(), 201, await res.text());
      return ((await res.json()) as { ticket: Ticket }).ticket.id;
    };
    const inGrid = [
      await report('楼下路灯不亮已经好几天了，晚上很黑', at(0.3, 0.3)),
      await report('小区门口垃圾堆放多日没有清运，气味很大', at(0.7, 0.3)),
    ];
    for (const [index, id] of inGrid.entries()) {
      await act(gw1, id, 'accept');
      await act(gw1, id, 'report_back', { note: '网格员已现场处理' });
      await act(gw1, id, 'close', { note: '已核实' });
      await act(resident, id, 'rate', { rating: 5 - index, note: '处理及时' });
    }
    const dispatched = await report('马路上的井盖破损，车辆经过很危险', at(0.3, 0.7));
    await act(gw1, dispatched, 'escalate', { level: 'community', note: '需部门处置' });
    await act(op, dispatched, 'accept');
    const departments = ((await (await op.get('/api/departments')).json()) as { items: Department[] }).items;
    const bureau = departments.find((d) => d.name.endsWith('城管局'));
    assert.ok(bureau, 'the 城管局 department exists');
    await act(op, dispatched, 'dispatch', { departmentIds: [bureau.id], note: '请尽快处置' });
    await act(handler, dispatched, 'sign');
    await act(handler, dispatched, 'report_back', { note: '井盖已更换' });
    await act(op, dispatched, 'close', { note: '已核实' });
    await act(resident, dispatched, 'rate', { rating: 4 });
    await report('楼上装修噪音很大，晚上十点以后还在施工', at(0.7, 0.7));
    return { id: grid.properties.id, name: grid.properties.name, regionCode: grid.properties.regionCode, at };
  } finally {
    await Promise.all([resident, gw1, op, handler].map((api) => api.dispose()));
  }
}

function inside(point: { x: number; y: number }, box: { x: number; y: number; width: number; height: number } | null): boolean {
  return box !== null && point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
}

describe('browser: command-centre dashboard', () => {
  let server: E2eServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let seeded: SeededGrid;

  async function signIn(username: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport });
    contexts.push(context);
    const page = await context.newPage();
    await loginAs(page, server.url, username);
    return page;
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    seeded = await seedHistory(server.url);
    // The server folds its aggregates every second and shares answers for a second.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
  });
  // Each test's pages close at its end: the maps of earlier tests would take the CPU of later ones.
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the city operator lands on the dashboard: the map, every tile and the four charts', async () => {
    const page = await signIn('city_op');
    // The landing page of an operator.
    await page.waitForURL(/#\/dashboard/, { timeout: 15_000 });
    await waitForPlace(page, 'own', 'city');
    assert.match(await page.getByTestId('dashboard-title').innerText(), /常德市综治指挥中心/);
    assert.match(await page.getByTestId('side-menu').innerText(), /指挥中心/);

    const overview = await getJson<DashboardOverview>(page, `${server.url}/api/dashboard/overview`);
    assert.equal(overview.place.level, 'city');
    for (const key of KPI_KEYS) {
      const tile = page.getByTestId(`kpi-${key}`);
      const expected = tileValue(overview.tiles, key);
      assert.notEqual(expected, null, `${key} has a value in the demo city`);
      assert.equal(Number(await tile.getAttribute('data-value')), expected, key);
      assert.match(await page.getByTestId(`kpi-${key}-text`).innerText(), /\d/, key);
    }
    // Grouped for zh-CN (the city has thousands of residents), or in 万 when there are very many.
    assert.match(await page.getByTestId('kpi-residents-text').innerText(), /^(\d{1,3}(,\d{3})+|\d+(\.\d)?万)$/);

    const map = await waitForMap(page, 'own');
    assert.ok(Number(await map.getAttribute('data-grids')) > 10);
    await page.locator('[data-testid="dashboard-map"]:not([data-points-open="0"])').waitFor({ timeout: 15_000 });
    await assertCharts(page);

    // The children are the city's counties.
    const rows = page.locator('[data-testid="children-list"] tbody tr');
    assert.equal(await rows.count(), overview.children.length);
    assert.equal(await rows.first().getAttribute('data-level'), 'county');

    // Layers switch on and off; the heatmap and the facilities load when asked for.
    await page.getByTestId('layer-facilities').click();
    await page.locator('[data-testid="dashboard-map"]:not([data-points-facilities="0"])').waitFor({ timeout: 15_000 });
    await page.getByTestId('layer-heat').click();
    assert.equal(await page.getByTestId('layer-heat').getAttribute('data-checked'), 'true');
    await page.waitForTimeout(800);
    await screenshot(page, 'dashboard-city');
  });

  it('drills from the city down to a grid by clicking, and back up with the breadcrumb', async () => {
    const page = await signIn('city_op');
    await waitForPlace(page, 'own', 'city');
    const top = await getJson<DashboardOverview>(page, `${server.url}/api/dashboard/overview`);
    const path = [top.place];

    // City → county → township → community through the children list, towards the grid with history.
    let current = top;
    for (const level of ['county', 'township', 'community'] as const) {
      const child = current.children.find((c) => seeded.regionCode.startsWith(divisionPrefix(c.place.code)));
      assert.ok(child, `${current.place.name} leads to ${seeded.name}`);
      assert.equal(child.place.level, level);
      await page.getByTestId(`child-link-${child.place.code}`).click();
      await waitForPlace(page, `region:${child.place.code}`, level);
      current = await getJson<DashboardOverview>(page, `${server.url}/api/dashboard/overview?region=${child.place.code}`);
      path.push(current.place);
      assert.match(await page.getByTestId('dashboard-title').innerText(), new RegExp(child.place.name));
      assert.equal(Number(await page.getByTestId('kpi-residents').getAttribute('data-value')), tileValue(current.tiles, 'residents'));
      const crumbs = await page.getByTestId('dashboard-breadcrumb').innerText();
      for (const place of path) assert.match(crumbs, new RegExp(place.name));
    }
    // The community's children are its grids.
    assert.ok(current.children.length > 0);
    assert.ok(current.children.every((child) => child.place.kind === 'grid'));
    assert.match(await page.getByTestId('panel-children').innerText(), /下辖网格/);

    // Community → grid on the map: clicking a grid shows its card, whose button opens the grid.
    const communityKey = `region:${current.place.code}`;
    const map = await waitForMap(page, communityKey);
    // The map may sit below the fold under the tiles: clicks land only inside the viewport.
    await map.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    const shapes = await getJson<DashboardMap>(page, `${server.url}/api/dashboard/map?region=${current.place.code}`);
    const clicked = shapes.grids.features.find((f) => f.properties.gridId === seeded.id);
    assert.ok(clicked, `${seeded.name} is on the community's map`);
    // A point of the grid clear of the map's controls (demo grids are rectangles).
    const blocked = await Promise.all(['map-layers', 'map-legend'].map((id) => page.getByTestId(id).boundingBox()));
    const ring = clicked.geometry.coordinates[0] ?? [];
    const [west, east] = [Math.min(...ring.map((p) => p[0]!)), Math.max(...ring.map((p) => p[0]!))];
    const [south, north] = [Math.min(...ring.map((p) => p[1]!)), Math.max(...ring.map((p) => p[1]!))];
    let target: { x: number; y: number } | undefined;
    for (const [fx, fy] of [[0.5, 0.5], [0.5, 0.3], [0.5, 0.7], [0.3, 0.5], [0.7, 0.5], [0.2, 0.2], [0.8, 0.8], [0.2, 0.8], [0.8, 0.2]] as const) {
      const point = await screenPoint(map, west + fx * (east - west), south + fy * (north - south));
      if (!blocked.some((box) => inside(point, box))) {
        target = point;
        break;
      }
    }
    assert.ok(target, 'the grid lies clear of the map controls');
    await page.mouse.click(target.x, target.y);
    const card = page.locator(`[data-testid="map-grid-card"][data-grid-id="${clicked.properties.gridId}"]`);
    await card.waitFor({ timeout: 10_000 });
    assert.match(await card.innerText(), new RegExp(clicked.properties.name));
    assert.equal(await page.getByTestId('map-grid-card-residents').innerText(), clicked.properties.residents.toLocaleString('zh-CN'));
    await page.getByTestId('map-grid-card-enter').click();
    const gridKey = `grid:${clicked.properties.gridId}`;
    await waitForPlace(page, gridKey, 'grid');
    const grid = await getJson<DashboardOverview>(page, `${server.url}/api/dashboard/overview?grid=${clicked.properties.gridId}`);
    assert.equal(grid.place.name, clicked.properties.name);
    // At grid level the overview is the grid's card.
    const placeCard = page.getByTestId('place-grid-card');
    assert.match(await placeCard.innerText(), new RegExp(grid.place.name));
    assert.equal(await page.getByTestId('place-grid-card-residents').innerText(), tileValue(grid.tiles, 'residents')!.toLocaleString('zh-CN'));
    assert.equal(await page.getByTestId('place-grid-card-open').innerText(), tileValue(grid.tiles, 'openTickets')!.toLocaleString('zh-CN'));
    assert.equal(await page.getByTestId('place-grid-card-overdue').innerText(), tileValue(grid.tiles, 'overdueTickets')!.toLocaleString('zh-CN'));
    await waitForMap(page, gridKey);
    await assertCharts(page);
    await page.waitForTimeout(500);
    await screenshot(page, 'dashboard-grid');

    // The breadcrumb: city, county, township, community, grid; back up to the county, then the city.
    assert.equal(await page.locator('[data-testid^="crumb-"]').count(), 5);
    assert.equal(await page.locator('[data-testid^="crumb-"][data-current="true"]').innerText(), grid.place.name);
    const county = path[1]!;
    await page.getByTestId(`crumb-${county.code}`).click();
    await waitForPlace(page, `region:${county.code}`, 'county');
    assert.equal(await page.locator('[data-testid^="crumb-"]').count(), 2);
    await page.getByTestId(`crumb-${top.place.code}`).click();
    await waitForPlace(page, `region:${top.place.code}`, 'city');
    assert.equal(Number(await page.getByTestId('kpi-residents').getAttribute('data-value')), tileValue(top.tiles, 'residents'));
  });

  it('a ticket filed through the API shows in the live feed within a second and counts in the tiles', async (t) => {
    const page = await signIn('city_op');
    await waitForPlace(page, 'own', 'city');
    await page.locator('[data-testid="live-status"][data-status="open"]').waitFor({ timeout: 15_000 });
    // The page at rest, as on a wall: map drawn, charts drawn.
    await waitForMap(page, 'own');
    await assertCharts(page);
    await page.waitForTimeout(1_000);
    // When each feed entry enters the page (a MutationObserver: no polling delay in the measure).
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { liveSeen: Record<string, number> }).liveSeen = seen;
      new MutationObserver(() => {
        for (const element of Array.from(document.querySelectorAll('[data-testid="live-item"]'))) {
          const id = element.getAttribute('data-ticket-id');
          if (id && !(id in seen)) seen[id] = Date.now();
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    const today = Number(await page.getByTestId('kpi-ticketsToday').getAttribute('data-value'));
    const open = Number(await page.getByTestId('kpi-openTickets').getAttribute('data-value'));

    // A point inside a grid of the city (demo grids are rectangles: the middle is inside).
    const shapes = await getJson<DashboardMap>(page, `${server.url}/api/dashboard/map`);
    const ring = shapes.grids.features[0]?.geometry.coordinates[0] ?? [];
    const lon = Math.round(((Math.min(...ring.map((p) => p[0]!)) + Math.max(...ring.map((p) => p[0]!))) / 2) * 1e6) / 1e6;
    const lat = Math.round(((Math.min(...ring.map((p) => p[1]!)) + Math.max(...ring.map((p) => p[1]!))) / 2) * 1e6) / 1e6;

    const res = await page.request.post(`${server.url}/api/tickets`, {
      data: { description: '小区门口的路灯不亮了，晚上出行很不方便', lon, lat, emergency: true },
    });
    const answeredAt = Date.now();
    assert.equal(res.status(), 201, await res.text());
    const filed = ((await res.json()) as { ticket: { id: string; number: string } }).ticket;
    const item = page.locator(`[data-testid="live-item"][data-ticket-id="${filed.id}"][data-type="ticket.created"]`);
    await item.waitFor({ timeout: 10_000 });
    const shownAt = await page.evaluate((id) => (window as unknown as { liveSeen: Record<string, number> }).liveSeen[id] ?? Date.now(), filed.id);
    const elapsed = shownAt - answeredAt;
    assert.ok(elapsed < 1000, `the live feed showed the ticket ${elapsed} ms after the POST answered`);
    t.diagnostic(`the live feed showed the ticket ${elapsed} ms after the POST answered`);
    assert.match(await item.innerText(), new RegExp(filed.number));
    assert.match(await item.innerText(), /新上报/);
    assert.match(await item.innerText(), /紧急/);
    // Newest first.
    assert.equal(await page.locator('[data-testid="live-item"]').first().getAttribute('data-ticket-id'), filed.id);

    // The tiles count it at once, and the refreshed figures agree.
    await page.locator(`[data-testid="kpi-ticketsToday"][data-value="${today + 1}"]`).waitFor({ timeout: 2_000 });
    await page.locator(`[data-testid="kpi-openTickets"][data-value="${open + 1}"]`).waitFor({ timeout: 2_000 });
    await page.waitForTimeout(4_000);
    const after = await getJson<DashboardOverview>(page, `${server.url}/api/dashboard/overview`);
    assert.equal(tileValue(after.tiles, 'ticketsToday'), today + 1);
    assert.equal(Number(await page.getByTestId('kpi-ticketsToday').getAttribute('data-value')), tileValue(after.tiles, 'ticketsToday'));
    assert.equal(Number(await page.getByTestId('kpi-openTickets').getAttribute('data-value')), tileValue(after.tiles, 'openTickets'));
    await screenshot(page, 'dashboard-live');
  });

  it('the big screen fills a 1920×1080 display, dark, without the console frame, nothing overlapping or cut off', async () => {
    const page = await signIn('city_op', { width: 1920, height: 1080 });
    await waitForPlace(page, 'own', 'city');
    await page.getByTestId('dashboard-big-screen').click();
    await page.waitForURL(/screen=big/);
    const screen = page.locator('[data-testid="dashboard-page"][data-screen="big"]');
    await screen.waitFor();
    await waitForPlace(page, 'own', 'city');
    await waitForMap(page, 'own');
    await assertCharts(page);
    await page.waitForTimeout(1000);

    // The screen covers the window; the console's menu is out of sight under it.
    const box = await screen.boundingBox();
    assert.deepEqual(box && [box.x, box.y, box.width, box.height], [0, 0, 1920, 1080]);
    assert.equal(await page.evaluate(() => document.elementFromPoint(100, 300)?.closest('[data-testid="side-menu"]') ?? null), null);
    const background = await screen.evaluate((el) => getComputedStyle(el).backgroundImage);
    assert.match(background, /gradient/);

    // Panels and tiles inside the window, none overlapping another, no text cut off.
    const layout = await page.evaluate(() => {
      const boxes = Array.from(document.querySelectorAll('.gg-bs .gg-bs-panel, .gg-bs .gg-kpi, .gg-bs-head')).map((el) => {
        const r = el.getBoundingClientRect();
        return { id: el.getAttribute('data-testid') ?? el.className, x: r.x, y: r.y, w: r.width, h: r.height };
      });
      const clipped = Array.from(document.querySelectorAll('.gg-bs .gg-kpi-label, .gg-bs .gg-kpi-value, .gg-bs-title, .gg-bs-panel-head h2'))
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent);
      return { boxes, clipped };
    });
    assert.ok(layout.boxes.length >= 9 + 7 + 1, `${layout.boxes.length} boxes`);
    for (const b of layout.boxes) {
      assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.w <= 1920 + 0.5 && b.y + b.h <= 1080 + 0.5, `${b.id} inside the screen: ${JSON.stringify(b)}`);
      assert.ok(b.w > 100 && b.h > 30, `${b.id} has room: ${JSON.stringify(b)}`);
    }
    for (const [i, a] of layout.boxes.entries()) {
      for (const b of layout.boxes.slice(i + 1)) {
        const overlap = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 1;
        assert.ok(!overlap, `${a.id} and ${b.id} overlap`);
      }
    }
    assert.deepEqual(layout.clipped, []);

    // The live feed on the wall: a new report and its acceptance in the grid.
    const [resident, gw1] = await Promise.all([staff(server.url, 'resident1'), staff(server.url, 'gw1')]);
    try {
      const res = await resident.post('/api/tickets', { data: { description: '小区里的消防通道被车辆堵住了', ...seeded.at(0.5, 0.5) } });
      assert.equal(res.status(), 201, await res.text());
      const filed = ((await res.json()) as { ticket: Ticket }).ticket;
      await act(gw1, filed.id, 'accept');
      const changed = page.locator(`[data-testid="live-item"][data-ticket-id="${filed.id}"][data-type="ticket.changed"]`);
      await changed.waitFor({ timeout: 10_000 });
      await changed.filter({ hasText: filed.number }).waitFor({ timeout: 10_000 });
      assert.match(await changed.innerText(), /受理 → 已受理/);
    } finally {
      await Promise.all([resident.dispose(), gw1.dispose()]);
    }
    await page.waitForTimeout(3_000);
    // The page is the wall display and no more: the screenshot is 1920×1080.
    assert.deepEqual(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]), [1920, 1080]);
    await screenshot(page, 'dashboard-big-screen');

    // Full screen on request, and back; leaving the big screen returns to the console layout.
    await page.getByTestId('dashboard-fullscreen').click();
    await page.locator('[data-testid="dashboard-page"][data-fullscreen="true"]').waitFor({ timeout: 5_000 });
    await page.getByTestId('dashboard-fullscreen').click();
    await page.locator('[data-testid="dashboard-page"][data-fullscreen="false"]').waitFor({ timeout: 5_000 });
    await page.getByTestId('dashboard-exit-big').click();
    await page.locator('[data-testid="dashboard-page"][data-screen="console"]').waitFor();
  });

  it('a township operator starts at their township and is refused another township, without data', async () => {
    const city = await signIn('city_op');
    const page = await signIn('township_op');
    await page.waitForURL(/#\/dashboard/, { timeout: 15_000 });
    await waitForPlace(page, 'own', 'township');
    const me = await getJson<{ scope: { regionCode: string; regionName: string } }>(page, `${server.url}/api/auth/me`);
    const crumbs = page.locator('[data-testid^="crumb-"]');
    assert.equal(await crumbs.count(), 1);
    assert.equal(await crumbs.first().getAttribute('data-testid'), `crumb-${me.scope.regionCode}`);
    assert.equal(await crumbs.first().innerText(), me.scope.regionName);

    // Another township of the city, found by the city operator.
    const top = await getJson<DashboardOverview>(city, `${server.url}/api/dashboard/overview`);
    let other: string | undefined;
    for (const county of top.children) {
      const townships = await getJson<DashboardOverview>(city, `${server.url}/api/dashboard/overview?region=${county.place.code}`);
      other = townships.children.find((child) => child.place.code !== me.scope.regionCode)?.place.code;
      if (other) break;
    }
    assert.ok(other, 'the city has another township');
    const refused = await page.request.get(`${server.url}/api/dashboard/overview?region=${other}`);
    assert.ok([403, 404].includes(refused.status()), `the API refuses: ${refused.status()}`);

    await page.goto(`${server.url}/#/dashboard?region=${other}`);
    const forbidden = page.getByTestId('dashboard-forbidden');
    await forbidden.waitFor({ timeout: 15_000 });
    assert.match(await forbidden.innerText(), /无权查看/);
    assert.match(await forbidden.innerText(), /不在您的管辖范围内/);
    assert.equal(await page.getByTestId('kpi-tiles').count(), 0);
    assert.equal(await page.getByTestId('dashboard-map').count(), 0);
    assert.equal(await page.locator('canvas').count(), 0);
    await screenshot(page, 'dashboard-forbidden');

    // And back to their own township.
    await page.getByTestId('dashboard-back-own').click();
    await waitForPlace(page, 'own', 'township');
  });
});
