import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RESIDENT_KINDS } from '@gridgov/contracts';
import { translator } from '../i18n/translate';
import { enumLabel, enumOptions, fieldLabel } from './labels';

const zh = translator('zh-CN');
const en = translator('en');

describe('labels', () => {
  it('labels enum values from the catalogs, an unknown value as it is and nothing as a dash', () => {
    assert.equal(enumLabel(zh, 'residentKind', 'floating'), '流动人口');
    assert.equal(enumLabel(en, 'residentKind', 'floating'), 'Floating');
    assert.equal(enumLabel(zh, 'residentKind', 'martian'), 'martian');
    assert.equal(enumLabel(zh, 'residentKind', null), '—');
  });

  it('makes select options of an enum\'s values', () => {
    const options = enumOptions(zh, 'residentKind', RESIDENT_KINDS);
    assert.deepEqual(options.map((o) => o.value), [...RESIDENT_KINDS]);
    assert.ok(options.every((o) => o.label !== o.value));
  });

  it('names a field by its record kind first, then the shared name, then as it is', () => {
    assert.equal(fieldLabel(zh, 'resident', 'name'), '姓名');
    assert.equal(fieldLabel(zh, 'building', 'name'), '名称');
    assert.equal(fieldLabel(zh, 'dispute', 'address'), fieldLabel(zh, 'venue', 'address'));
    assert.equal(fieldLabel(zh, 'dispute', 'mediatorId'), 'mediatorId');
  });
});
