import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENUM_LABELS, enumMessages, enumText } from './labels.js';
import { EXPORT_STATUSES, RESIDENT_TAGS } from './index.js';

describe('enum labels', () => {
  it('are declared once per domain and gathered, in both languages', () => {
    assert.equal(enumText('tag', 'low_income', 'zh'), '低保对象');
    assert.equal(enumText('exportStatus', 'ready', 'en'), 'Ready');
    assert.equal(enumText('tag', 'no_such_tag', 'zh'), 'no_such_tag');
    assert.deepEqual(Object.keys(ENUM_LABELS.tag), [...RESIDENT_TAGS]);
    assert.deepEqual(Object.keys(ENUM_LABELS.exportStatus), [...EXPORT_STATUSES]);
  });

  it('become the console\'s catalog entries', () => {
    const zh = enumMessages(ENUM_LABELS, 'zh');
    assert.equal(zh['enum.sex.female'], '女');
    for (const [key, text] of Object.entries(zh)) assert.ok(/^enum\.[a-zA-Z]+\.[A-Za-z0-9_]+$/.test(key) && text.length > 0, key);
  });
});
