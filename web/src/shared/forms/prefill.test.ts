import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FormDefinition } from '@gridgov/contracts';
import { prefillAnswers } from './prefill';

const fields = [
  { key: 'address', type: 'text', label: { zh: '住址' }, maxLength: 10 },
  { key: 'visited_on', type: 'date', label: { zh: '走访日期' } },
  { key: 'remarks', type: 'text', label: { zh: '备注' } },
] as FormDefinition['fields'];

describe('prefillAnswers', () => {
  it('puts known values on the text fields of the same key, over the defaults', () => {
    const out = prefillAnswers({ fields }, { visited_on: '2026-12-04', address: '旧' }, { address: ' 幸福路12号3栋2单元501 ', remarks: '' });
    assert.deepEqual(out, { visited_on: '2026-12-04', address: '幸福路12号3栋2单' });
  });

  it('leaves out keys the form lacks, fields of another type and empty values', () => {
    const start = { visited_on: '2026-12-04' };
    assert.deepEqual(prefillAnswers({ fields }, start, { door: '501', visited_on: '2026-01-01', address: null }), start);
  });
});
