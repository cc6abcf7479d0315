import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { holds, permissionsOf } from './permissions';

describe('needs', () => {
  const operator = ['ticket:report', 'ticket:read', 'ticket:dispatch'];
  it('is met by nothing at all, one permission, or any of a list', () => {
    assert.equal(holds(null, []), true);
    assert.equal(holds(undefined, []), true);
    assert.equal(holds('ticket:read', operator), true);
    assert.equal(holds('ticket:handle', operator), false);
    assert.equal(holds(['ticket:handle', 'ticket:dispatch'], operator), true);
    assert.equal(holds(['ticket:handle', 'ticket:config'], operator), false);
    assert.equal(holds([], operator), false);
  });

  it('joins needs that must all hold', () => {
    const intake = { allOf: ['ticket:report', ['ticket:dispatch', 'ticket:handle']] } as const;
    assert.equal(holds(intake, operator), true);
    assert.equal(holds(intake, ['ticket:report', 'ticket:read']), false, 'a resident reports in the portal');
    assert.equal(holds(intake, ['ticket:read', 'ticket:handle']), false, 'a department handler does not report');
    assert.deepEqual(permissionsOf(intake), ['ticket:report', 'ticket:dispatch', 'ticket:handle']);
  });
});
