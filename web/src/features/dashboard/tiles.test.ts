import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DashboardTile } from '@gridgov/contracts';
import { countingNewTicket, tileText } from './tiles';

const tile = (over: Partial<DashboardTile>): DashboardTile => ({
  id: 'residents',
  kind: 'count',
  label: { zh: '实有人口', en: 'Residents' },
  hint: null,
  unit: { zh: '人', en: 'people' },
  tone: 'plain',
  metric: 'registers.residents',
  value: 1234,
  ...over,
});

describe('dashboard tiles', () => {
  it('reads a count, a rate and a score in the console language, with the unit the module registered', () => {
    assert.deepEqual(tileText(tile({}), 'zh-CN'), { text: '1,234', unit: '人' });
    assert.deepEqual(tileText(tile({}), 'en'), { text: '1,234', unit: 'people' });
    assert.deepEqual(tileText(tile({ value: 1_234_567 }), 'zh-CN'), { text: '123.5万', unit: '人' });
    assert.deepEqual(tileText(tile({ kind: 'rate', unit: null, value: 0.964 }), 'zh-CN'), { text: '96.4%', unit: '' });
    assert.deepEqual(tileText(tile({ kind: 'score', unit: null, value: 4.2 }), 'en'), { text: '4.20', unit: '/ 5' });
  });

  it('shows a dash and no unit when a tile has no figure', () => {
    assert.deepEqual(tileText(tile({ kind: 'rate', value: null }), 'zh-CN'), { text: '—', unit: '' });
  });

  it('adds a new ticket to the open and reported-today counts only', () => {
    assert.equal(countingNewTicket(tile({ metric: 'tickets.open', value: 5 })).value, 6);
    assert.equal(countingNewTicket(tile({ metric: 'tickets.reported', value: 0 })).value, 1);
    assert.equal(countingNewTicket(tile({ metric: 'tickets.overdue', value: 5 })).value, 5);
    assert.equal(countingNewTicket(tile({ metric: 'registers.residents', value: 5 })).value, 5);
    assert.equal(countingNewTicket(tile({ kind: 'rate', metric: 'tickets.closed_on_time', value: 0.5 })).value, 0.5);
  });
});
