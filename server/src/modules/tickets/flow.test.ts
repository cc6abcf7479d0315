import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TICKET_STATUSES } from '@gridgov/contracts';
import { refusal } from '../../platform/workflow/workflow.js';
import { handlingRegion, levelAbove, levelOfRegion, publicStatusOf, TICKET_RULES, ticketActions, unavailableTicketActions, type Standing, type TicketState } from './flow.js';

const nobody: Standing = {
  dispatcher: false, supervisor: false, commandLevel: null, gridHandler: false, assignee: null, assignmentStatus: null, summoned: false, reporter: false, reporterOnly: false, selfHandled: false,
};
const state = (status: TicketState['status'], extra: Partial<TicketState> = {}): TicketState => ({
  status, level: 'community', rating: null, reopenUntil: null, supervised: false, overdue: false, hasPendingExtension: false, pendingAssists: [], ...extra,
});
const now = new Date('2026-11-23T08:00:00Z');

test('each standing gets exactly its actions from each status', () => {
  const dispatcher = { ...nobody, dispatcher: true, commandLevel: 'community' as const };
  assert.deepEqual(ticketActions(state('reported'), dispatcher, now).sort(), ['accept', 'comment', 'escalate', 'merge', 'reject']);
  const operator = { ...dispatcher, supervisor: true };
  assert.deepEqual(ticketActions(state('reported'), operator, now).sort(), ['accept', 'comment', 'escalate', 'merge', 'reject', 'supervise']);
  assert.deepEqual(ticketActions(state('accepted'), operator, now).sort(), ['comment', 'dispatch', 'escalate', 'merge', 'supervise']);
  assert.deepEqual(ticketActions(state('accepted', { level: 'township' }), { ...operator, commandLevel: 'township' }, now).sort(), ['comment', 'dispatch', 'escalate', 'merge', 'summon', 'supervise']);
  const lead = { ...nobody, assignee: 'lead' as const, assignmentStatus: 'pending' };
  assert.deepEqual(ticketActions(state('dispatched'), lead, now).sort(), ['comment', 'return', 'sign']);
  assert.deepEqual(ticketActions(state('handling', { hasPendingExtension: false }), { ...lead, assignmentStatus: 'handling' }, now).sort(), ['comment', 'report_back', 'request_extension', 'return']);
  const reporter = { ...nobody, reporter: true };
  assert.deepEqual(ticketActions(state('closed', { reopenUntil: new Date(now.getTime() + 1000) }), reporter, now).sort(), ['rate', 'reopen']);
  assert.deepEqual(ticketActions(state('closed', { rating: 4, reopenUntil: new Date(now.getTime() - 1000) }), reporter, now), []);
  for (const status of TICKET_STATUSES) assert.deepEqual(ticketActions(state(status), nobody, now), []);
});

test('a refused transition names its reason; only the system marks a ticket overdue', () => {
  assert.equal(refusal(TICKET_RULES, 'close', state('reported'), { ...nobody, dispatcher: true }, now), 'state');
  assert.equal(refusal(TICKET_RULES, 'accept', state('reported'), { ...nobody, reporter: true }, now), 'forbidden');
  assert.equal(refusal(TICKET_RULES, 'escalate', state('accepted', { level: 'city' }), { ...nobody, dispatcher: true }, now), 'state');
  assert.equal(refusal(TICKET_RULES, 'dispatch', state('accepted', { level: 'grid' }), { ...nobody, gridHandler: true }, now), 'forbidden');
  assert.equal(refusal(TICKET_RULES, 'overdue', state('handling'), { ...nobody, dispatcher: true, supervisor: true }, now), 'forbidden');
  assert.equal(refusal(TICKET_RULES, 'overdue', state('handling'), null, now), null);
  assert.equal(refusal(TICKET_RULES, 'overdue', state('handling', { overdue: true }), null, now), 'state');
  assert.equal(refusal(TICKET_RULES, 'accept', state('reported'), null, now), 'forbidden', 'the system takes only what the rules give it');
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
  assert.deepEqual(['reported', 'accepted', 'dispatched', 'closed', 'rejected'].map((s) => publicStatusOf(s as never)), ['submitted', 'received', 'in_progress', 'resolved', 'not_accepted']);
});

test('an action that is the caller\'s but not open now says why', () => {
  const lead = { ...nobody, assignee: 'lead' as const, assignmentStatus: 'handling' };
  const waiting = state('handling', { pendingAssists: ['区住建局', '区城管局'] });
  assert.ok(!ticketActions(waiting, lead, now).includes('report_back'));
  assert.deepEqual(unavailableTicketActions(waiting, lead, now), [{ action: 'report_back', reason: { code: 'TICKET_ASSISTS_PENDING', params: { departments: '区住建局、区城管局' } } }]);
  assert.ok(ticketActions(state('handling'), lead, now).includes('report_back'));
  const gridWorker = { ...nobody, gridHandler: true };
  const own = { ...gridWorker, selfHandled: true };
  assert.ok(ticketActions(state('reported_back', { level: 'grid' }), gridWorker, now).includes('close'));
  assert.ok(!ticketActions(state('reported_back', { level: 'grid' }), own, now).includes('close'));
  assert.deepEqual(unavailableTicketActions(state('reported_back', { level: 'grid' }), own, now), [{ action: 'close', reason: { code: 'TICKET_SELF_CLOSE' } }]);
  assert.deepEqual(unavailableTicketActions(state('accepted', { level: 'grid' }), gridWorker, now).map((u) => u.reason.code), ['TICKET_DISPATCH_GRID_LEVEL']);
  assert.deepEqual(ticketActions(state('reported_back'), { ...nobody, dispatcher: true }, now).sort(), ['close', 'comment', 'rework']);
  assert.deepEqual(unavailableTicketActions(state('closed', { rating: 4 }), { ...nobody, reporter: true }, now).map((u) => u.action), ['rate', 'reopen']);
});
