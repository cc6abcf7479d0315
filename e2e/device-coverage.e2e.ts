/**
 * In the real browser, video coverage (视频覆盖): the county operator opens 设备管理, switches to
 * the coverage tab, sees the demo cameras' sectors and the streets on the map, the totals, and the
 * blind-spot table worst covered first; a row shows that grid alone. A grid worker sees only his
 * own grid in the table.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, browserSuite } from './harness.js';

describe('browser: camera coverage', () => {
  const suite = browserSuite();

  it('shows the cameras\' sectors, the streets by coverage and the blind spots per grid', async () => {
    const op = await suite.page('county_op', { viewport: { width: 1366, height: 900 }, path: '/devices' });
    await op.getByTestId('devices-tab-coverage').click();
    const map = op.locator('[data-testid="coverage-map"][data-ready="true"]');
    await map.waitFor({ timeout: 60_000 });
    assert.ok(Number(await map.getAttribute('data-sectors')) >= 10, 'the demo cameras as sectors');
    assert.ok(Number(await map.getAttribute('data-streets')) > 0, 'the streets');
    assert.match((await op.getByTestId('coverage-totals').textContent()) ?? '', /道路总长 [\d.]+ 公里.*覆盖率 [\d.]+%/);
    const rows = op.getByTestId('coverage-grids').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    assert.ok((await rows.count()) > 1);
    // Worst first: the first row is a blind grid (0 %), a later one partly covered.
    const shares = await op.getByTestId('coverage-grids').locator('tbody tr.ant-table-row[data-share]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-share') ?? ''));
    const numbers = shares.filter((s) => s !== '').map(Number);
    assert.equal(numbers[0], 0, `blind first: ${shares.join(' ')}`);
    assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), 'sorted worst first');
    await screenshot(op, 'device-coverage-1366');

    // A partly covered grid alone.
    const covered = op.getByTestId('coverage-grids').locator('tbody tr.ant-table-row:not([data-share="0"]):not([data-share=""])').first();
    const name = (await covered.locator('td').first().textContent()) ?? '';
    await covered.click();
    await op.locator('[data-testid="coverage-map"][data-ready="true"]').waitFor();
    await op.getByTestId('coverage-grids').locator('tbody tr.ant-table-row').filter({ hasText: name }).waitFor();
    assert.equal(await op.getByTestId('coverage-grids').locator('tbody tr.ant-table-row').count(), 1, 'one grid');

    const worker = await suite.page('gw1', { viewport: { width: 390, height: 844 }, path: '/devices' });
    await worker.getByTestId('devices-tab-coverage').click();
    await worker.locator('[data-testid="coverage-map"][data-ready="true"]').waitFor({ timeout: 60_000 });
    await worker.getByTestId('coverage-grids').locator('tbody tr.ant-table-row').first().waitFor();
    assert.equal(await worker.getByTestId('coverage-grids').locator('tbody tr.ant-table-row').count(), 1, 'a grid worker: his grid');
    await screenshot(worker, 'device-coverage-390');
  });
});
