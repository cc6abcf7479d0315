/**
 * In the real browser: the console, the dashboard map and the portal work under the
 * Content-Security-Policy, and an auditor created by the security admin enrols with the code the
 * operators read on the server's console, which the security admin never sees.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request, type Browser, type Page } from 'playwright-core';
import { totpCode, totpStep } from '../server/src/platform/auth/totp.js';
import { DEMO_PASSWORD, demoTotpSecret } from '../server/src/modules/demo/seed-demo.js';
import { launchBrowser, loginAs, screenshot, startServer, watchCsp, type E2eServer } from './harness.js';

const fillIn = (page: Page, testId: string, value: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first().fill(value);

describe('browser: security', () => {
  let server: E2eServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the console, its maps and the portal run under the Content-Security-Policy', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    const violations = watchCsp(page);
    const first = await page.goto(`${server.url}/`);
    assert.match(first!.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    await loginAs(page, server.url, 'city_op');
    await page.goto(`${server.url}/#/dashboard`);
    await page.getByTestId('dashboard-map').locator('canvas').first().waitFor({ timeout: 30_000 });
    await page.goto(`${server.url}/#/grids`);
    await page.getByTestId('grid-map').locator('canvas').first().waitFor({ timeout: 30_000 });
    await page.goto(`${server.url}/#/audit`);
    await screenshot(page, 'csp-console');
    await page.close();

    const portal = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const portalViolations = watchCsp(portal);
    await portal.goto(`${server.url}/#/portal/report`);
    await portal.locator('[data-testid="portal-report-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await screenshot(portal, 'csp-portal-report');
    await portal.close();
    assert.deepEqual([...violations, ...portalViolations], []);
  });

  it('an auditor created by the security admin enrols with the code from the operator console', async () => {
    const api = await request.newContext({ baseURL: server.url });
    const login = await api.post('/api/auth/login', { data: { username: 'secadmin', password: DEMO_PASSWORD, totp: totpCode(demoTotpSecret('secadmin'), totpStep(new Date())) } });
    assert.equal(login.status(), 200, await login.text());
    const cityCode = '430700000000';
    const created = await api.post('/api/users', { data: { username: 'audit_e2e', displayName: '新审计员', role: 'auditor', scopeRegionCode: cityCode } });
    const answer = await created.text();
    assert.equal(created.status(), 201, answer);
    await api.dispose();

    const notice = /account "audit_e2e", by secadmin\) ==\s+code:\s+([A-Z2-7-]{29})/.exec(server.output());
    assert.ok(notice, 'the code is on the operator console');
    const code = notice[1]!;
    assert.ok(!answer.includes(code) && !answer.includes(code.replace(/-/g, '')), 'and not in the answer to its creator');

    const page = await browser.newPage({ locale: 'zh-CN' });
    const violations = watchCsp(page);
    await page.goto(`${server.url}/#/login`);
    await page.getByTestId('login-enrol-link').click();
    await fillIn(page, 'enrol-code', code.toLowerCase());
    await page.getByTestId('enrol-code-submit').click();
    await page.getByTestId('enrol-username').waitFor();
    assert.equal(await page.getByTestId('enrol-username').innerText(), 'audit_e2e');
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    await fillIn(page, 'enrol-password-new', 'Own#Audit2026');
    await fillIn(page, 'enrol-password-confirm', 'Own#Audit2026');
    await fillIn(page, 'enrol-totp', totpCode(secret, totpStep(new Date())));
    await screenshot(page, 'enrol');
    await page.getByTestId('enrol-submit').click();
    await page.getByTestId('header-scope').waitFor({ timeout: 15_000 });

    // The new auditor reads the log, where its own creation is flagged.
    await page.goto(`${server.url}/#/audit`);
    await page.getByTestId('audit-filter-alert').click();
    await page.getByTestId('audit-search').click();
    await page.locator('[data-testid="audit-table"] tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    const rows = await page.locator('[data-testid="audit-table"] tbody tr.ant-table-row').allInnerTexts();
    assert.ok(rows.some((r) => r.includes('创建管理员账号') && r.includes('secadmin')), rows.join('\n'));
    assert.ok(rows.some((r) => r.includes('管理员账号本人注册')), rows.join('\n'));
    await screenshot(page, 'audit-alerts');
    assert.deepEqual(violations, []);
    await page.close();
  });
});
