import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { heldFields, isUnmaskField, toRegisterFilters } from './register-query';

describe('register list query', () => {
  it('passes the filters the list takes, and only values the contract knows for tag and key place', () => {
    assert.deepEqual(toRegisterFilters({ q: '张', tag: 'elderly_alone', keyPlace: 'true', gridId: 'g1' }), {
      region: undefined,
      gridId: 'g1',
      q: '张',
      idNumber: undefined,
      phone: undefined,
      kind: undefined,
      tag: 'elderly_alone',
      status: undefined,
      keyPlace: 'true',
      buildingId: undefined,
    });
    const odd = toRegisterFilters({ tag: 'martian', keyPlace: 'maybe' });
    assert.equal(odd.tag, undefined);
    assert.equal(odd.keyPlace, undefined);
  });

  it('offers to reveal only the personal data a record holds', () => {
    assert.deepEqual(heldFields({ idNumberMasked: '11**************2X', phoneMasked: null }, ['idNumber', 'phone']), ['idNumber']);
    assert.deepEqual(heldFields({ contactPhoneMasked: '' }, ['contactPhone']), []);
    assert.equal(isUnmaskField('phone'), true);
    assert.equal(isUnmaskField('name'), false);
  });
});
