/**
 * In the real browser, health codes: the demo resident on a phone opens their code from the
 * portal home (colour block, QR code, the reason in plain words), asks for a new QR code and for
 * a correction; the city's operator states a purpose, makes secondary contacts red in a new
 * version of the rule, and sees the version in force change and red codes listed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../server/src/modules/demo/seed-demo.js';
import { choose, input, screenshot, browserSuite } from './harness.js';

describe('browser: health codes', () => {
  const suite = browserSuite();

  it('a resident sees their own code with its reason and asks for a correction', async () => {
    const context = await suite.context({ viewport: { width: 375, height: 800 } });
    const p = await context.newPage();
    await p.goto(`${suite.server.url}/`);
    await input(p, 'login-username').fill('resident1');
    await input(p, 'login-password').fill(DEMO_PASSWORD);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('portal-home-health-code').click();
    const colour = p.getByTestId('portal-health-code-colour');
    await colour.waitFor();
    assert.match((await colour.getAttribute('data-colour')) ?? '', /^(green|yellow|red)$/);
    assert.match(await colour.innerText(), /^(绿码|黄码|红码)$/);
    await p.getByTestId('portal-health-code-card').locator('canvas, svg').first().waitFor();
    await p.getByTestId('portal-health-code-reasons').waitFor();
    await p.getByTestId('portal-health-code-rotate').click();
    await input(p, 'portal-health-code-correction-reason').fill('近期未离开本市，申请复核');
    await p.getByTestId('portal-health-code-correction-submit').click();
    await p.getByTestId('portal-health-code-correction-status').getByText(/待审核/).waitFor();
    await screenshot(p, 'health-code-portal');
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 380, `the page fits a phone (${width}px)`);
  });

  it('the city operator makes secondary contacts red in a new version of the rule', async () => {
    const op = await suite.page('city_op', { viewport: { width: 1400, height: 900 }, path: '/health-codes' });
    await input(op, 'healthcode-purpose-input').fill('健康码规则调整');
    await op.getByTestId('healthcode-purpose-confirm').click();
    await op.getByTestId('healthcode-list').waitFor();
    await op.getByTestId('healthcode-tab-rule').click();
    const rule = op.getByTestId('healthcode-rule');
    await rule.getByText('现行规则：第 0 版').waitFor();
    // The eighth line of the default rule: secondary contacts, yellow.
    await choose(op, op.getByTestId('healthcode-rule-colour-7'), '红码');
    await op.getByTestId('healthcode-rule-save').click();
    await op.getByText('已保存为第 1 版').waitFor();
    await rule.getByText('现行规则：第 1 版').waitFor();
    await screenshot(op, 'health-code-rule');
    await op.getByTestId('healthcode-tab-codes').click();
    const rows = op.getByTestId('healthcode-list').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    await rows.first().click();
    await op.getByTestId('healthcode-detail-reasons').waitFor();
    assert.ok(!/\d{17}[\dX]/.test(await op.locator('body').innerText()), 'no ID number on the page');
    await op.keyboard.press('Escape');
    await op.getByTestId('healthcode-detail').waitFor({ state: 'hidden' });
    // A number with no code in scope: told so, nothing opens.
    await op.getByTestId('healthcode-lookup').locator('input').fill('11010519491231002X');
    await op.getByTestId('healthcode-lookup').locator('input').press('Enter');
    await op.locator('.ant-message').filter({ hasText: '您的辖区内没有该证件号码的健康码' }).waitFor();
    assert.equal(await op.getByTestId('healthcode-detail-reasons').count(), 0);
  });
});
