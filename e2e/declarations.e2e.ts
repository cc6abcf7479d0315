/**
 * In the real browser, self-declaration (市民自主填报): a resident of the demo city declares a
 * fever on the portal at a phone's width without an account, sees what was recorded (masked) and
 * that it was flagged; the community's operator states a purpose, finds the declaration flagged
 * in the list and opens it (the read is audited with that purpose).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { generateCity, generateResidents, SCALES } from '../server/src/modules/demo/generate-city.js';
import { input, loginAs, screenshot, browserSuite } from './harness.js';

function demoResident() {
  const city = generateCity({ scale: SCALES.small, seed: 1 });
  const grid = city.grids[0]!.code;
  for (const r of generateResidents(city)) if (r.gridCode === grid && r.kind === 'registered') return r;
  throw new Error('no resident');
}

describe('browser: self-declaration', () => {
  const suite = browserSuite();
  const person = demoResident();

  async function page(viewport: { width: number; height: number }): Promise<Page> {
    const context = await suite.context({ viewport });
    return context.newPage();
  }

  it('a resident declares a fever on a phone and sees it recorded and flagged', async () => {
    const p = await page({ width: 375, height: 800 });
    await p.goto(`${suite.server.url}/#/portal`);
    await p.getByTestId('portal-home-declare').click();
    await p.getByTestId('portal-declare-form').waitFor();
    await input(p, 'portal-declare-name-input').fill(person.name);
    await p.getByTestId('portal-declare-sex-input').getByText(person.sex === 'male' ? '男' : '女', { exact: true }).click();
    await input(p, 'portal-declare-id_number-input').fill(person.idNumber);
    await input(p, 'portal-declare-address-input').fill(person.address);
    await input(p, 'portal-declare-phone-input').fill(person.phone);
    await input(p, 'portal-declare-temperature-input').fill('38.6');
    await p.getByTestId('portal-declare-symptoms-input').getByText('咳嗽').click();
    await p.getByTestId('portal-declare-risk_area-input').getByText('否').click();
    await p.getByTestId('portal-declare-travelled-input').getByText('否').click();
    await p.getByTestId('portal-declare-submit').click();
    await p.getByTestId('portal-declare-done').waitFor();
    const done = await p.getByTestId('portal-declare-done').innerText();
    assert.ok(!done.includes(person.idNumber) && !done.includes(person.phone), done);
    assert.ok((await p.getByTestId('portal-declare-flags').innerText()).includes('发热'));
    await screenshot(p, 'declarations-portal-done');
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 380, `the page fits a phone (${width}px)`);
  });

  it('the community\'s operator states a purpose and sees the declaration flagged', async () => {
    const op = await page({ width: 1280, height: 900 });
    await loginAs(op, suite.server.url, 'community_op');
    await op.goto(`${suite.server.url}/#/declarations?abnormal=true`);
    await input(op, 'declarations-purpose-input').fill('发热人员随访');
    await op.getByTestId('declarations-purpose-confirm').click();
    const masked = `${[...person.name][0]}${'*'.repeat([...person.name].length - 1)}`;
    const row = op.getByTestId('declarations-table').locator('tr', { hasText: masked }).filter({ hasText: '38.6' }).first();
    await row.waitFor();
    assert.ok((await row.innerText()).includes('发热'));
    await screenshot(op, 'declarations-console-list');
    await row.locator('[data-testid^="declarations-open-"]').click();
    await op.getByTestId('declarations-detail-flags').getByText('有症状').waitFor();
    await screenshot(op, 'declarations-console-detail');
  });
});
