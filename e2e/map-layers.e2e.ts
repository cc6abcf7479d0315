/**
 * In the real browser: the count layers on the console's maps. The community operator switches on
 * key persons, open disputes and open warnings on the grid map and on the dashboard map: each
 * draws one circle per grid that has any (as many as the scoped API counts), with its legend
 * line, in Chinese and English. The system admin, who opens the grid map but holds none of the
 * three permissions, is offered none of them, and the API refuses their counts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loginAs, screenshot, watchCsp, browserSuite } from './harness.js';

const LAYERS = ['keypersons', 'disputes', 'warnings'] as const;

describe('browser: key persons, disputes and warnings as map layers', () => {
  const suite = browserSuite();

  async function as(username: string, path: string): Promise<Page> {
    const context = await suite.context({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await loginAs(page, suite.server.url, username);
    await page.goto(`${suite.server.url}/#${path}`);
    return page;
  }

  /** How many grids each layer's API gives a figure for (what the map must draw). */
  async function apiGrids(page: Page): Promise<Record<(typeof LAYERS)[number], number>> {
    const get = async (url: string) => {
      const res = await page.context().request.get(`${suite.server.url}${url}`);
      assert.equal(res.status(), 200, `${url}: ${await res.text()}`);
      return res.json() as Promise<Record<string, { gridId: string; total?: number; open?: number }[]>>;
    };
    const [kp, disputes, warnings] = await Promise.all([get('/api/keypersons/stats'), get('/api/disputes/map'), get('/api/warnings/map')]);
    return {
      keypersons: kp.grids!.filter((g) => (g.total ?? 0) > 0).length,
      disputes: disputes.items!.filter((g) => (g.open ?? 0) > 0).length,
      warnings: warnings.items!.filter((g) => (g.open ?? 0) > 0).length,
    };
  }

  async function switchOn(page: Page, expected: Record<string, number>): Promise<void> {
    for (const layer of LAYERS) {
      const toggle = page.getByTestId(`layer-${layer}`);
      await toggle.click();
      await page.locator(`[data-testid="layer-${layer}"][data-checked="true"]`).waitFor();
      const line = page.locator(`[data-testid="count-legend-${layer}"]:not([data-grids=""])`);
      await line.waitFor({ timeout: 15_000 });
      assert.equal(Number(await line.getAttribute('data-grids')), expected[layer], `${layer}: one circle per grid with any`);
    }
  }

  it('the operator sees the three layers on the grid map and the dashboard map, with a legend', async () => {
    const page = await as('community_op', '/grids');
    const csp = watchCsp(page);
    await page.locator('[data-testid="grid-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    const expected = await apiGrids(page);
    assert.ok(expected.keypersons > 0, 'the demo manages key persons in the community');
    assert.ok(expected.disputes > 0, 'the demo has open disputes in the community');
    await page.getByTestId('grid-map-layers').waitFor();
    await switchOn(page, expected);
    assert.match(await page.getByTestId('count-legend').innerText(), /重点人员[\s\S]*未办结纠纷[\s\S]*未关闭预警[\s\S]*不显示个人位置/);
    await screenshot(page, 'map-layers-grids');
    // Off again: the legend line goes.
    await page.getByTestId('layer-disputes').click();
    await page.getByTestId('count-legend-disputes').waitFor({ state: 'detached' });

    await page.goto(`${suite.server.url}/#/dashboard`);
    await page.locator('[data-testid="dashboard-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await switchOn(page, expected);
    await screenshot(page, 'map-layers-dashboard');
    assert.deepEqual(csp, [], 'no Content-Security-Policy violation');
  });

  it('speaks English too', async () => {
    const page = await as('community_op', '/grids');
    await page.getByText('English', { exact: true }).first().click();
    await page.locator('[data-testid="grid-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('layer-keypersons').click();
    await page.locator('[data-testid="count-legend-keypersons"]:not([data-grids=""])').waitFor({ timeout: 15_000 });
    assert.match(await page.getByTestId('grid-map-layers').innerText(), /Key persons[\s\S]*Open disputes[\s\S]*Open warnings[\s\S]*no one's location is shown/);
  });

  it('a role without the permissions is offered none of them, and the API refuses the counts', async () => {
    const page = await as('sysadmin', '/grids');
    await page.locator('[data-testid="grid-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="grid-map"]:not([data-feature-count="0"])').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByTestId('grid-map-layers').count(), 0, 'no layer switches');
    for (const layer of LAYERS) assert.equal(await page.getByTestId(`layer-${layer}`).count(), 0);
    for (const url of ['/api/keypersons/stats', '/api/disputes/map', '/api/warnings/map']) {
      const res = await page.context().request.get(`${suite.server.url}${url}`);
      assert.equal(res.status(), 403, `${url} refused`);
    }
  });
});
