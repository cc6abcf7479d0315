import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from './client';
import { createQueryClient, isReportable, retryDelay, shouldRetry } from './query-client';

describe('the query client', () => {
  it('retries a read once when the network or the server failed, never when the server said no', () => {
    assert.equal(shouldRetry(0, new ApiError('NETWORK_ERROR', 'offline', 0)), true);
    assert.equal(shouldRetry(0, new ApiError('INTERNAL', 'boom', 500)), true);
    assert.equal(shouldRetry(1, new ApiError('INTERNAL', 'boom', 500)), false);
    assert.equal(shouldRetry(0, new ApiError('FORBIDDEN', 'no', 403)), false);
    assert.equal(shouldRetry(0, new ApiError('AUTH_SESSION_EXPIRED', 'gone', 401)), false);
    assert.equal(shouldRetry(0, new Error('a bug')), false);
    assert.ok(retryDelay(0) > 0 && retryDelay(10) <= 4_000);
  });

  it('asks again a few times, a second or so apart, when a busy server shed a read', () => {
    const busy = new ApiError('OVERLOADED', 'busy', 503);
    assert.deepEqual([0, 1, 2, 3].map((n) => shouldRetry(n, busy)), [true, true, true, false]);
    for (let attempt = 0; attempt < 3; attempt++) {
      const delay = retryDelay(attempt, busy);
      assert.ok(delay >= 1_000 && delay < 2_000, String(delay));
    }
  });

  it('reports failures to the user unless the page shows them itself', () => {
    const missing = new ApiError('NOT_FOUND', 'gone', 404);
    assert.equal(isReportable(missing, undefined), true);
    assert.equal(isReportable(missing, { silent: true }), false);
    assert.equal(isReportable(missing, { handledCodes: ['NOT_FOUND'] }), false);
    assert.equal(isReportable(new ApiError('INTERNAL', 'boom', 500), { handledCodes: ['NOT_FOUND'] }), true);
    // The session shows these itself (the login page, the change-password dialog).
    assert.equal(isReportable(new ApiError('AUTH_SESSION_EXPIRED', 'gone', 401), undefined), false);
    assert.equal(isReportable(new ApiError('AUTH_PASSWORD_CHANGE_REQUIRED', 'change it', 403), undefined), false);
  });

  it('tells the reporter of a failed read, once, with the ApiError', async () => {
    const reported: unknown[] = [];
    const client = createQueryClient((error) => reported.push(error));
    const denied = new ApiError('FORBIDDEN', '没有权限', 403);
    await assert.rejects(client.fetchQuery({ queryKey: ['x'], queryFn: () => Promise.reject(denied) }));
    await assert.rejects(client.fetchQuery({ queryKey: ['y'], queryFn: () => Promise.reject(denied), meta: { silent: true } }));
    assert.deepEqual(reported, [denied]);
    client.clear();
  });
});
