import { launchBrowser, loginAs } from './harness.ts';
const base = 'http://127.0.0.1:3999';
const browser = await launchBrowser();
const shot = async (user: string, path: string, name: string, viewport = { width: 1400, height: 900 }, act?: (p: import('playwright-core').Page) => Promise<void>) => {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN' });
  const p = await ctx.newPage();
  await loginAs(p, base, user);
  await p.goto(`${base}/#${path}`);
  await p.waitForTimeout(2500);
  if (act) await act(p);
  await p.screenshot({ path: `/tmp/x/${name}.png`, fullPage: false });
  await ctx.close();
};
await shot('county_op', '/tracing', 'cases');
await shot('county_op', '/tracing', 'case-detail', undefined, async (p) => {
  await p.locator('[data-testid^="cases-open-"]').first().click();
  await p.waitForTimeout(2000);
});
await shot('county_op', '/tracing?tab=graph', 'graph');
await shot('county_op', '/tracing?tab=rule', 'rule');
await shot('gw1', '/tracing', 'gw-contacts', { width: 390, height: 844 });
await browser.close();
