import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOVERNANCE_WORDS, segment } from './segmenter.js';
import { STOP_WORDS, tokenize } from './tokenize.js';

const words = (text: string): string[] => tokenize(text, { bigrams: false });

describe('tokenize', () => {
  it('splits a real report into its content words', () => {
    const terms = words('小区门口井盖缺失，晚上很危险');
    for (const expected of ['小区', '门口', '井盖', '缺失', '晚上', '危险']) assert.ok(terms.includes(expected), expected);
    assert.ok(!terms.includes('很'), 'stop word');
    assert.ok(!terms.includes('，'), 'punctuation');
  });

  it('keeps governance terms whole', () => {
    assert.deepEqual(words('楼下有人占道经营，噪音扰民严重'), ['楼下', '有人', '占道经营', '噪音扰民', '严重']);
    assert.ok(words('3号楼有住户电动车飞线充电').includes('飞线充电'));
    assert.ok(words('3号楼有住户电动车飞线充电').includes('电动车'));
    assert.ok(words('楼顶违章搭建彩钢房').includes('违章搭建'));
    assert.ok(words('这栋楼是群租房，还有人高空抛物').includes('群租房'));
    assert.ok(words('这栋楼是群租房，还有人高空抛物').includes('高空抛物'));
    assert.ok(words('下水道堵了，垃圾清运不及时，油烟很大').includes('下水道'));
    assert.ok(words('下水道堵了，垃圾清运不及时，油烟很大').includes('垃圾清运'));
    assert.ok(words('下水道堵了，垃圾清运不及时，油烟很大').includes('油烟'));
  });

  it('segments every custom governance word as one word', () => {
    for (const word of GOVERNANCE_WORDS) assert.deepEqual(segment(word), [word], word);
  });

  it('drops digits and punctuation, folds full-width forms and latin case', () => {
    const terms = words('３号楼ＫＴＶ唱到凌晨２点！！Ktv老板说：“没办法”');
    assert.ok(terms.includes('ktv'));
    assert.ok(terms.every((t) => !/[\d\p{P}\s]/u.test(t)), terms.join('/'));
    assert.ok(!terms.some((t) => /[Ａ-Ｚ０-９]/.test(t)));
  });

  it('removes stop words and keeps useful single characters', () => {
    const terms = words('我们这里的下水道又堵了，很臭');
    assert.ok(terms.every((t) => !STOP_WORDS.has(t)), terms.join('/'));
    assert.ok(terms.includes('堵'));
    assert.ok(terms.includes('臭'));
    assert.ok(!tokenize('我们这里的下水道又堵了，很臭', { bigrams: false, singleChars: false }).includes('臭'));
  });

  it('adds character bigrams as extra features', () => {
    const terms = tokenize('井盖缺失');
    assert.ok(terms.includes('井盖'));
    assert.deepEqual(
      terms.filter((t) => t.startsWith('#')),
      ['#井盖', '#盖缺', '#缺失'],
    );
  });

  it('gives nothing for empty or symbol-only text', () => {
    assert.deepEqual(tokenize(''), []);
    assert.deepEqual(tokenize(' ，。!? 123 '), []);
  });
});
