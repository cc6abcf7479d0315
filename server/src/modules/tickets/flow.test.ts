import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TICKET_STATUSES } from '@gridgov/contracts';
import { allowedActions, assertAllowed, handlingRegion, levelAbove, levelOfRegion, publicStatusOf, type Standing, type TicketState } from './flow.js';

const nobody: Standing = { dispatcher: false, dispatcherLevel: null, gridHandler: false, assignee: null, assignmentStatus: null, summoned: false, reporter: false };
const state = (status: TicketState['status'], extra: Partial<TicketState> = {}): TicketState => ({
  status, level: 'community', rating: null, reopenUntil: null, supervised: false, hasPendingExtension: false, ...extra,
});
const now = new Date('2026-11-23T08:00:00Z');

test('each role gets exactly its actions from each status', () => {
  const dispatcher = { ...nobody, dispatcher: true, dispatcherLevel: 'community' as const };
  assert.deepEqual(allowedActions(state('reported'), dispatcher, now).sort(), ['accept', 'comment', 'escalate', 'merge', 'reject', 'supervise']);
  assert.deepEqual(allowedActions(state('accepted'), dispatcher, now).sort(), ['comment', 'dispatch', 'escalate', 'merge', 'supervise']);
  assert.deepEqual(allowedActions(state('accepted', { level: 'township' }), { ...dispatcher, dispatcherLevel: 'township' }, now).sort(), ['comment', 'dispatch', 'escalate', 'merge', 'summon', 'supervise']);
  const lead = { ...nobody, assignee: 'lead' as const, assignmentStatus: 'pending' };
  assert.deepEqual(allowedActions(state('dispatched'), lead, now).sort(), ['comment', 'return', 'sign']);
  assert.deepEqual(allowedActions(state('handling', { hasPendingExtension: false }), { ...lead, assignmentStatus: 'handling' }, now).sort(), ['comment', 'report_back', 'request_extension', 'return']);
  const reporter = { ...nobody, reporter: true };
  assert.deepEqual(allowedActions(state('closed', { reopenUntil: new Date(now.getTime() + 1000) }), reporter, now).sort(), ['rate', 'reopen']);
  assert.deepEqual(allowedActions(state('closed', { rating: 4, reopenUntil: new Date(now.getTime() - 1000) }), reporter, now), []);
  for (const status of TICKET_STATUSES) assert.deepEqual(allowedActions(state(status), nobody, now), []);
});

test('a forbidden transition names its reason', () => {
  assert.throws(() => assertAllowed('close', state('reported'), { ...nobody, dispatcher: true }, now), { code: 'TICKET_TRANSITION_INVALID' });
  assert.throws(() => assertAllowed('accept', state('reported'), { ...nobody, reporter: true }, now), { code: 'FORBIDDEN' });
  assert.throws(() => assertAllowed('escalate', state('accepted', { level: 'city' }), { ...nobody, dispatcher: true }, now), { code: 'TICKET_TRANSITION_INVALID' });
  assert.throws(() => assertAllowed('dispatch', state('accepted', { level: 'grid' }), { ...nobody, gridHandler: true }, now), { code: 'FORBIDDEN' });
});

test('levels, regions and public statuses', () => {
  assert.equal(levelAbove('grid'), 'community');
  assert.equal(levelAbove('city'), null);
  assert.equal(levelOfRegion('430702001001'), 'community');
  assert.equal(levelOfRegion('430702001000'), 'township');
  assert.equal(levelOfRegion('430702000000'), 'county');
  assert.equal(levelOfRegion('430700000000'), 'city');
  assert.equal(handlingRegion('430702001001', 'township'), '430702001000');
  assert.equal(handlingRegion('430702001001', 'county'), '430702000000');
  assert.deepEqual(['reported', 'dispatched', 'closed', 'rejected'].map((s) => publicStatusOf(s as never)), ['received', 'in_progress', 'resolved', 'not_accepted']);
});
