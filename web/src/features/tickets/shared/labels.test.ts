import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TICKET_ACTIONS, TICKET_STATUSES } from '@gridgov/contracts';
import { translator } from '../../../i18n/translate';
import { actionLabel, durationText, limitText, runningDue, statusLabel } from './labels';

const zh = translator('zh-CN');
const en = translator('en');

describe('ticket words', () => {
  it('names every status and action in both languages', () => {
    for (const status of TICKET_STATUSES) assert.notEqual(statusLabel(zh, status), statusLabel(en, status));
    for (const action of TICKET_ACTIONS) assert.ok(actionLabel(zh, action).length > 0 && actionLabel(en, action).length > 0);
  });

  it('writes a duration in its two largest units, at least a minute', () => {
    const minute = 60_000;
    assert.equal(durationText(zh, 45 * minute), zh('ticket.unit.m', { n: 45 }));
    assert.equal(durationText(zh, 10_000), zh('ticket.unit.m', { n: 1 }));
    assert.equal(durationText(zh, -(2 * 24 * 60 + 3 * 60 + 5) * minute), [zh('ticket.unit.d', { n: 2 }), zh('ticket.unit.h', { n: 3 })].join(zh('ticket.unit.sep')));
    assert.equal(durationText(zh, 3 * 60 * minute), zh('ticket.unit.h', { n: 3 }));
  });

  it('writes a limit in days or hours when it is whole', () => {
    assert.equal(limitText(zh, 7 * 24 * 60), zh('ticket.unit.d', { n: 7 }));
    assert.equal(limitText(zh, 120), zh('ticket.unit.h', { n: 2 }));
    assert.equal(limitText(zh, 90), zh('ticket.unit.m', { n: 90 }));
  });

  it('runs the dispatch limit before dispatching, the handling limit after, none when done', () => {
    const ticket = { dispatchDueAt: 'd', handleDueAt: 'h' };
    assert.deepEqual(runningDue({ ...ticket, status: 'reported' }), { kind: 'dispatch', at: 'd' });
    assert.deepEqual(runningDue({ ...ticket, status: 'handling' }), { kind: 'handle', at: 'h' });
    assert.equal(runningDue({ ...ticket, status: 'closed' }), null);
  });
});
