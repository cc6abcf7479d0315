import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../api/client';
import { classifyFailure, MAX_RETRY_MS, newSubmissionId, partKey, refusedFields, retryDelayMs } from './policy';

describe('offline queue policy', () => {
  it('sends again after a network failure, a server down or the same submission still running', () => {
    assert.equal(classifyFailure(new ApiError('NETWORK_ERROR', 'offline', 0)), 'retry');
    assert.equal(classifyFailure(new ApiError('UNEXPECTED_RESPONSE', 'bad gateway', 503)), 'retry');
    assert.equal(classifyFailure(new ApiError('UNEXPECTED_RESPONSE', 'proxy', 502)), 'retry');
    assert.equal(classifyFailure(new ApiError('IDEMPOTENCY_IN_PROGRESS', 'busy', 409)), 'retry');
    assert.equal(classifyFailure(new TypeError('Failed to fetch')), 'retry');
  });
  it('keeps a refused submission for the person: validation, permission, a reused or unresolved id', () => {
    assert.equal(classifyFailure(new ApiError('VALIDATION_FAILED', 'bad', 400)), 'refused');
    assert.equal(classifyFailure(new ApiError('TICKET_OUTSIDE_AREA', 'where', 400)), 'refused');
    assert.equal(classifyFailure(new ApiError('FORBIDDEN', 'no', 403)), 'refused');
    assert.equal(classifyFailure(new ApiError('IDEMPOTENCY_KEY_REUSED', 'reused', 422)), 'refused');
    assert.equal(classifyFailure(new ApiError('IDEMPOTENCY_UNRESOLVED', 'unknown', 409)), 'refused');
  });
  it('waits for a sign-in when the session is gone', () => {
    assert.equal(classifyFailure(new ApiError('AUTH_REQUIRED', 'sign in', 401)), 'signedOut');
    assert.equal(classifyFailure(new ApiError('AUTH_SESSION_EXPIRED', 'expired', 401)), 'signedOut');
  });
  it('backs off 5 s, 10 s, 20 s ... and never waits more than 5 minutes', () => {
    assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [5_000, 10_000, 20_000, 40_000]);
    assert.equal(retryDelayMs(30), MAX_RETRY_MS);
  });
  it('gives each part of a submission its own stable key', () => {
    assert.equal(partKey('0f8c', 'submit'), '0f8c.submit');
    assert.equal(partKey('0f8c', { file: 2 }), '0f8c.file-2');
  });
  it('reads the fields a refusal names', () => {
    const error = new ApiError('VALIDATION_FAILED', 'bad', 400, [{ path: 'body.description', message: 'too short' }, { path: '', message: 'x' }]);
    assert.deepEqual(refusedFields(error), ['description']);
    assert.deepEqual(refusedFields(new Error('x')), []);
  });
});

describe('submission ids', () => {
  it('are v4 UUIDs, different each time', () => {
    const a = newSubmissionId();
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(a, newSubmissionId());
  });
});
