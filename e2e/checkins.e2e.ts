/**
 * In the real browser, venue check-ins (场所码登记): the community's operator opens a venue's
 * record and finds its code, QR and poster; a resident signed in on a phone opens the check-in
 * page, types the code, sees the venue's name, checks in, sees it as the current check-in, and
 * checks out; then the operator, with a stated purpose, sees the check-in masked on the venue.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { idCheckChar } from '@gridgov/contracts';
import { DEMO_PASSWORD } from '../server/src/modules/demo/seed-demo.js';
import { input, screenshot, browserSuite } from './harness.js';

describe('browser: venue check-ins', () => {
  const suite = browserSuite();
  let venue: { id: string; name: string; venueCode: string };

  it('the operator sees a venue\'s code, its QR code and its poster', async () => {
    const op = await suite.page('community_op', { viewport: { width: 1280, height: 900 } });
    const listed = await op.evaluate(async () => (await (await fetch('/api/venues?pageSize=1')).json()) as { items: { id: string; name: string; venueCode: string }[] });
    venue = listed.items[0]!;
    assert.ok(venue, 'a venue of the demo city in the operator\'s scope');
    await op.goto(`${suite.server.url}/#/registers/venues?id=${venue.id}`);
    await op.getByTestId('venues-code').getByText(venue.venueCode).waitFor();
    await op.getByTestId('venues-poster-open').click();
    await op.getByTestId('venues-poster-name').getByText(venue.name).waitFor();
    await screenshot(op, 'checkins-poster');
  });

  it('a resident checks in with the code on a phone and checks out', async () => {
    const context = await suite.context({ viewport: { width: 375, height: 800 } });
    const p = await context.newPage();
    await p.goto(`${suite.server.url}/`);
    await input(p, 'login-username').fill('resident1');
    await input(p, 'login-password').fill(DEMO_PASSWORD);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('portal-home-checkin').click();
    // A code mistyped is named as such at the field, before anything is asked of the server.
    await input(p, 'portal-checkin-code').fill('V123');
    await p.getByTestId('portal-checkin-find').click();
    await p.getByText('场所码为字母 V 加 10 位字母或数字，见场所海报').waitFor();
    assert.equal(await p.getByTestId('portal-checkin-error').count(), 0);
    await input(p, 'portal-checkin-code').fill(venue.venueCode.toLowerCase());
    await p.getByTestId('portal-checkin-find').click();
    await p.getByTestId('portal-checkin-venue-name').getByText(venue.name).waitFor();
    await p.getByTestId('portal-checkin-confirm').click();
    await p.getByTestId('portal-checkin-current-venue').getByText(venue.name).waitFor();
    await screenshot(p, 'checkins-portal-in');
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 380, `the page fits a phone (${width}px)`);
    await p.getByTestId('portal-checkin-checkout').click();
    await p.getByTestId('portal-checkin-notice').waitFor();
    await p.getByTestId('portal-checkin-current').waitFor({ state: 'detached' });
    assert.ok((await p.getByTestId('portal-checkin-recent').innerText()).includes(venue.name));
    // A scanned QR address (#/checkin/<code>) opens the same page with the venue found.
    await p.goto(`${suite.server.url}/#/checkin/${venue.venueCode}`);
    await p.waitForURL(/#\/portal\/checkin\//);
    await p.getByTestId('portal-checkin-venue-name').getByText(venue.name).waitFor();
    await screenshot(p, 'checkins-portal-out');
  });

  it('the operator states a purpose and sees the check-in masked', async () => {
    const op = await suite.page('community_op', { viewport: { width: 1280, height: 900 } });
    await op.goto(`${suite.server.url}/#/registers/venues?id=${venue.id}`);
    await input(op, 'venue-checkins-purpose-input').fill('密接排查');
    await op.getByTestId('venue-checkins-purpose-confirm').click();
    // Newest first: the resident's own check-in heads the list, masked (the demo city may hold
    // other visitors of the same surname at this venue).
    const first = op.getByTestId('venue-checkins-table').locator('tbody tr.ant-table-row').first();
    await first.getByText('周**').waitFor();
    assert.ok(!(await op.getByTestId('venue-checkins-table').innerText()).includes('周建华'), 'no full name on the page');
    await screenshot(op, 'checkins-console-list');
  });

  it('the resident verifies their real name on a phone: a wrong number is named at its field, then shown masked', async () => {
    const p = await (await suite.context({ viewport: { width: 375, height: 800 } })).newPage();
    await p.goto(`${suite.server.url}/`);
    await input(p, 'login-username').fill('resident1');
    await input(p, 'login-password').fill(DEMO_PASSWORD);
    await p.getByTestId('login-submit').click();
    await p.getByTestId('portal-home-identity').click();
    await input(p, 'portal-identity-name').fill('周建华');
    const good = `43070219700101${'551'}`;
    const id = good + idCheckChar(good);
    await input(p, 'portal-identity-id').fill(id.slice(0, 17) + (id.endsWith('0') ? '1' : '0'));
    await p.getByTestId('portal-identity-submit').click();
    await p.locator('.ant-form-item-explain-error', { hasText: '身份证号码不合法' }).waitFor();
    await input(p, 'portal-identity-id').fill(id);
    await p.getByTestId('portal-identity-submit').click();
    const done = p.getByTestId('portal-identity-verified');
    await done.waitFor();
    const text = await done.innerText();
    assert.ok(text.includes('周**') && !text.includes(id) && !text.includes('周建华'), 'shown masked');
    await screenshot(p, 'checkins-portal-identity');
    await p.goto(`${suite.server.url}/#/portal`);
    await p.getByTestId('portal-home-checkin').waitFor();
    assert.equal(await p.getByTestId('portal-home-identity').count(), 0, 'no more prompt');
  });
});
