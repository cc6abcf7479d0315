import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sortableColumn, sortFromTable } from './sorting';

const KEYS = ['number', 'createdAt'] as const;

describe('server-side table sorting', () => {
  it('asks for a whitelisted column in the clicked direction', () => {
    assert.deepEqual(sortFromTable(KEYS, { columnKey: 'createdAt', order: 'descend' }), { sort: 'createdAt', order: 'desc' });
    assert.deepEqual(sortFromTable(KEYS, [{ columnKey: 'number', order: 'ascend' }]), { sort: 'number', order: 'asc' });
  });

  it('drops a column outside the whitelist and a cleared sorter', () => {
    assert.deepEqual(sortFromTable(KEYS, { columnKey: 'description', order: 'ascend' }), { order: 'asc' });
    assert.deepEqual(sortFromTable(KEYS, { columnKey: 'number', order: null }), { order: 'asc' });
  });

  it('shows the current order on its column only', () => {
    const state = { sort: 'number' as const, order: 'desc' as const };
    assert.equal(sortableColumn(state, 'number').sortOrder, 'descend');
    assert.equal(sortableColumn(state, 'createdAt').sortOrder, null);
  });
});
