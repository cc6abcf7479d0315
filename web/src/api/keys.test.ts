import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dashboardKeys, gridKeys, keyParams, regionKeys, registerKeys, ticketKeys } from './keys';

/** Whether invalidating `prefix` reaches `key` (TanStack Query matches keys by prefix). */
function under(prefix: readonly unknown[], key: readonly unknown[]): boolean {
  return prefix.every((part, index) => JSON.stringify(part) === JSON.stringify(key[index]));
}

describe('query keys', () => {
  it('leave blank parameters out, so a cleared filter and no filter share an answer', () => {
    assert.deepEqual(keyParams({ q: '', region: undefined, gridId: null, page: 1 }), { page: 1 });
    assert.deepEqual(registerKeys.list('resident', { q: '' }), registerKeys.list('resident', {}));
    assert.deepEqual(gridKeys.list({ region: undefined, q: '张' }), ['grids', 'list', { q: '张' }]);
  });

  it('put everything of a register under its kind: lists, records, histories, points', () => {
    const kind = registerKeys.kind('resident');
    for (const key of [
      registerKeys.lists('resident'),
      registerKeys.list('resident', { page: 2 }),
      registerKeys.detail('resident', 'r1'),
      registerKeys.history('resident', 'r1'),
      registerKeys.points('resident', {}),
      registerKeys.gridCounts('430702001001'),
    ]) {
      assert.ok(under(kind, key), JSON.stringify(key));
    }
    assert.ok(!under(kind, registerKeys.list('household', {})));
    assert.ok(under(registerKeys.all, registerKeys.detail('venue', 'v1')));
  });

  it('put a ticket\'s timeline under the ticket, and every list (the desk, the reporter\'s own) under the lists', () => {
    assert.ok(under(ticketKeys.detail('t1'), ticketKeys.timeline('t1')));
    assert.ok(!under(ticketKeys.detail('t1'), ticketKeys.timeline('t2')));
    for (const key of [ticketKeys.list({ view: 'queue' }), ticketKeys.desk(), ticketKeys.mine(20)]) assert.ok(under(ticketKeys.lists(), key));
    assert.ok(!under(ticketKeys.lists(), ticketKeys.detail('t1')));
    assert.ok(under(ticketKeys.summonsBoards(), ticketKeys.summonses('open')));
  });

  it('keep a dashboard place\'s figures and points under the place', () => {
    assert.ok(under(dashboardKeys.place('own'), dashboardKeys.figure('own', 'overview')));
    assert.ok(under(dashboardKeys.place('own'), dashboardKeys.points('own', 'open')));
    assert.ok(!under(dashboardKeys.place('own'), dashboardKeys.figure('region:430700000000', 'overview')));
  });

  it('tell the scope\'s roots from a region\'s children, and revoked from not', () => {
    assert.notDeepEqual(regionKeys.children(null, false), regionKeys.children(null, true));
    assert.ok(under(regionKeys.all, regionKeys.children('430700000000', false)));
  });
});
