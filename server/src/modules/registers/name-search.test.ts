import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameKeys } from './name-search.js';

test('names give full pinyin and initials, surnames read as surnames', () => {
  assert.deepEqual(nameKeys('张三'), { pinyin: 'zhangsan', initials: 'zs' });
  assert.deepEqual(nameKeys('单雄信'), { pinyin: 'shanxiongxin', initials: 'sxx' });
  assert.deepEqual(nameKeys('欧阳娜娜'), { pinyin: 'ouyangnana', initials: 'oynn' });
  assert.equal(nameKeys('John Smith').pinyin, 'johnsmith');
});
