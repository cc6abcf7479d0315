/**
 * In the real browser, maps people can find a place on (issue 19) and the portal's confirmed
 * location (blocker 3): with no tile server the console's grid map draws the city's streets and
 * names from the platform's own data; searching a place jumps the map there; "back to my area"
 * returns a grid worker to his grid. On a phone, an anonymous report cannot be submitted until
 * its location is confirmed; an address found by search confirms it, and the report lands in
 * the county of that place, not the county of the map's default centre.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import type { Grid, PlaceHit, Region, Ticket } from '@gridgov/contracts';
import { DEMO_PASSWORD } from '../server/src/modules/demo/seed-demo.js';
import { loginAs, screenshot, browserSuite } from './harness.js';

const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const REPORT_TEXT = '巷口的路灯坏了好几天，晚上很黑';

async function staff(base: string, username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: base });
  const res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  assert.equal(res.status(), 200, `${username} signs in: ${await res.text()}`);
  return api;
}

async function json<T>(api: APIRequestContext, url: string): Promise<T> {
  const res = await api.get(url);
  assert.equal(res.status(), 200, `${url}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** The map's view as its container tells it: [lon, lat, zoom]. */
async function viewOf(page: Page, testId: string): Promise<[number, number, number]> {
  const view = await page.getByTestId(testId).getAttribute('data-view');
  assert.ok(view, 'the map reports its view');
  return view.split(',').map(Number) as [number, number, number];
}

function boundsOf(grid: Pick<Grid, 'boundary'>): [[number, number], [number, number]] {
  const ring = grid.boundary.coordinates[0]!;
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  return [[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]];
}

const inside = ([lon, lat]: readonly number[], [[w, s], [e, n]]: [[number, number], [number, number]]) => lon! >= w && lon! <= e && lat! >= s && lat! <= n;

describe('browser: maps people can find a place on', () => {
  const suite = browserSuite();

  async function page(viewport: { width: number; height: number }, extra: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await suite.context({ viewport, ...extra });
    return context.newPage();
  }

  it('the console draws streets and names with no tile server, finds a place and jumps there, and goes back to the worker\'s grid', async () => {
    const desk = await page(DESK);
    const errors: string[] = [];
    desk.on('pageerror', (err) => errors.push(String(err)));
    await loginAs(desk, suite.server.url, 'gw1');
    await desk.goto(`${suite.server.url}/#/grids`);
    const map = desk.locator('[data-testid="grid-map"][data-ready="true"]');
    await map.waitFor({ timeout: 30_000 });
    // Opened on his own grid, with the streets of his area drawn from the platform's data.
    const api = await staff(suite.server.url, 'gw1');
    const own = (await json<{ items: Grid[] }>(api, '/api/grids?pageSize=5')).items;
    assert.equal(own.length, 1, 'a grid worker has one grid');
    const home = boundsOf(own[0]!);
    await desk.waitForFunction(() => Number(document.querySelector('[data-testid="grid-map"]')?.getAttribute('data-streets') ?? 0) > 0, undefined, { timeout: 15_000 });
    assert.ok(inside(await viewOf(desk, 'grid-map'), home), 'the map opens on the worker\'s grid');
    await desk.waitForTimeout(800);
    await screenshot(desk, 'maps-console-own-basemap');

    // Search one of his buildings by name: the map jumps to it, close up.
    const building = (await json<{ items: PlaceHit[] }>(api, `/api/places/search?q=${encodeURIComponent('3栋')}`)).items.find((h) => h.kind === 'building');
    assert.ok(building, 'his buildings are found');
    await desk.getByTestId('grid-map-tools-search').locator('input').fill('3栋');
    const hit = desk.getByTestId('grid-map-tools-hit').filter({ hasText: '3栋' }).first();
    await hit.waitFor({ timeout: 15_000 });
    await hit.click();
    await desk.waitForFunction(
      ([lon, lat]) => {
        const [x, y, z] = (document.querySelector('[data-testid="grid-map"]')?.getAttribute('data-view') ?? '').split(',').map(Number);
        return Math.abs(x! - lon!) < 1e-4 && Math.abs(y! - lat!) < 1e-4 && z! >= 16.9;
      },
      [building.lon, building.lat],
      { timeout: 15_000 },
    );
    await desk.waitForFunction(() => Number(document.querySelector('[data-testid="grid-map"]')?.getAttribute('data-places') ?? 0) > 0, undefined, { timeout: 15_000 });
    await desk.waitForTimeout(800);
    await screenshot(desk, 'maps-console-search-jump');

    // Drag the map far away; "back to my area" returns to his grid.
    const box = (await map.boundingBox())!;
    for (let i = 0; i < 3; i++) {
      await desk.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.6);
      await desk.mouse.down();
      await desk.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.5, { steps: 8 });
      await desk.mouse.up();
      await desk.waitForTimeout(300);
    }
    await desk.waitForFunction(([w, e]) => {
      const [x] = (document.querySelector('[data-testid="grid-map"]')?.getAttribute('data-view') ?? '').split(',').map(Number);
      return x! < w! || x! > e!;
    }, [home[0][0], home[1][0]], { timeout: 10_000 });
    await screenshot(desk, 'maps-console-panned-away');
    await desk.getByTestId('grid-map-tools-home').click();
    await desk.waitForFunction(([w, s, e, n]) => {
      const [x, y] = (document.querySelector('[data-testid="grid-map"]')?.getAttribute('data-view') ?? '').split(',').map(Number);
      return x! >= w! && x! <= e! && y! >= s! && y! <= n!;
    }, [home[0][0], home[0][1], home[1][0], home[1][1]], { timeout: 10_000 });
    await api.dispose();
    assert.deepEqual(errors, []);
  });

  it('a visitor cannot submit until the location is confirmed; an address found confirms it and the report lands in that county', async () => {
    // A community far from the map's default centre, in another county than the centre's.
    const city = await staff(suite.server.url, 'city_op');
    const config = await json<{ center: [number, number] }>(city, '/api/config/map');
    const atCentre = await json<{ grid: { regionCode: string } | null }>(city, `/api/grids/lookup?lon=${config.center[0]}&lat=${config.center[1]}`);
    const grids = (await json<{ items: Grid[] }>(city, '/api/grids?pageSize=200')).items;
    const target = [...grids].reverse().find((g) => !atCentre.grid || g.regionCode.slice(0, 6) !== atCentre.grid.regionCode.slice(0, 6))!;
    const community = await json<Region>(city, `/api/regions/${target.regionCode}`);
    assert.ok(community.name);

    const phone = await page(PHONE, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await phone.goto(`${suite.server.url}/#/portal/report`);
    await phone.getByTestId('portal-report-form').waitFor({ timeout: 30_000 });
    await phone.locator('[data-testid="portal-report-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await phone.locator('textarea[data-testid="portal-report-description"]').fill(REPORT_TEXT);
    // No pin was placed for the visitor: submit is disabled, with the reason.
    assert.equal(await phone.getByTestId('portal-report-map').getAttribute('data-lon'), '');
    assert.equal(await phone.getByTestId('portal-report-submit').isDisabled(), true);
    assert.equal(await phone.getByTestId('portal-report-submit-reason').innerText(), '请先确认问题位置再提交');
    assert.equal(await phone.getByTestId('portal-report-location-state').getAttribute('data-confirmed'), 'false');
    await phone.waitForFunction(() => Number(document.querySelector('[data-testid="portal-report-map"]')?.getAttribute('data-streets') ?? 0) > 0, undefined, { timeout: 15_000 });
    await screenshot(phone, 'maps-portal-unconfirmed');

    // The community's name, found by search, places the pin there.
    await phone.getByTestId('portal-report-map-tools-search').locator('input').fill(community.name);
    const hit = phone.getByTestId('portal-report-map-tools-hit').filter({ hasText: community.name }).first();
    await hit.waitFor({ timeout: 15_000 });
    await hit.tap();
    await phone.locator('[data-testid="portal-report-map"]:not([data-lon=""])').waitFor({ timeout: 10_000 });
    assert.equal(await phone.getByTestId('portal-report-location-state').getAttribute('data-confirmed'), 'true');
    assert.equal(await phone.getByTestId('portal-report-submit').isDisabled(), false);
    assert.equal(await phone.getByTestId('portal-report-submit-reason').count(), 0);
    await phone.waitForTimeout(800);
    await screenshot(phone, 'maps-portal-confirmed');

    await phone.getByTestId('portal-report-submit').tap();
    await phone.getByTestId('portal-submitted').waitFor({ timeout: 15_000 });
    const filed = (await json<{ items: Ticket[] }>(city, `/api/tickets?q=${encodeURIComponent(REPORT_TEXT)}&pageSize=5`)).items;
    assert.equal(filed.length, 1);
    assert.equal(filed[0]!.regionCode.slice(0, 9), target.regionCode.slice(0, 9), 'the report lands in the township (and county) of the place found');
    assert.ok(filed[0]!.gridName?.startsWith(community.name), `${filed[0]!.gridName} is a grid of ${community.name}`);
    await city.dispose();
  });
});
