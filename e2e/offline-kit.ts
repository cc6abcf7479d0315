/** What the grid worker's offline browser tests share: a phone, a photo, a signed-in API caller, waiting on the server, the queue's count. */
import assert from 'node:assert/strict';
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../server/src/modules/demo/seed-demo.js';

export const PHONE = { width: 390, height: 844 };
/** A point in the demo city's first grid, for the phone's geolocation. */
export const HERE = { longitude: 111.698123, latitude: 29.031456 };
/** A 1×1 PNG, the photo taken offline. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f0a0c80000000049454e44ae426082',
  'hex',
);

/** An API caller signed in as a demo account (to see what reached the server). */
export async function staff(base: string, username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: base });
  const res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  assert.equal(res.status(), 200, `${username} signs in: ${await res.text()}`);
  return api;
}

/** Polls until the check holds, failing with what was awaited. */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** How many submissions the page's offline queue shows. */
export const queueCount = async (page: Page) => Number((await page.getByTestId('offline-queue').getAttribute('data-count')) ?? '0');
