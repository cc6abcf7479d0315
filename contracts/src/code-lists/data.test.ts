import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codeList, CODE_LISTS } from './data.js';

describe('national code lists', () => {
  it('ship the 56 ethnic groups of GB/T 3304 with their two-digit codes, plus 97 and 98', () => {
    const ethnic = codeList('ethnic_group').items;
    assert.equal(ethnic.length, 58);
    assert.deepEqual(ethnic[0], { code: '01', zh: '汉族', en: 'Han' });
    assert.deepEqual(ethnic[55], { code: '56', zh: '基诺族', en: 'Jino' });
    assert.deepEqual(ethnic.slice(-2).map((e) => e.code), ['97', '98']);
  });

  it('ship the sex codes of GB/T 2261.1 and a resident ID card as 111', () => {
    assert.deepEqual(codeList('sex').items.map((e) => `${e.code}${e.zh}`), ['0未知的性别', '1男', '2女', '9未说明的性别']);
    assert.equal(codeList('id_document_type').items.find((e) => e.code === '111')?.zh, '居民身份证');
  });

  it('have unique codes and names in every list', () => {
    for (const list of CODE_LISTS) {
      assert.equal(new Set(list.items.map((e) => e.code)).size, list.items.length, list.key);
      assert.equal(new Set(list.items.map((e) => e.zh)).size, list.items.length, list.key);
    }
  });
});
