import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nameText } from './text.js';

describe('names', () => {
  const name = nameText(20);
  it('takes ordinary names in any script, trimmed', () => {
    for (const ok of ['张三', ' 李四 ', 'Wang Fang', 'O\'Brien-Smith', 'ئابدۇرېھىم', '巴特尔 ᠪᠠᠭᠠᠲᠤᠷ', '城东社区第1网格']) {
      assert.equal(name.safeParse(ok).success, true, ok);
    }
    assert.equal(name.parse(' 李四 '), '李四');
    // A byte-order mark at either end is trimmed like a space (String.prototype.trim).
    assert.equal(name.parse('\ufeff张三'), '张三');
  });
  it('refuses controls, bidirectional controls and invisible characters', () => {
    for (const bad of ['张\u0000三', '张\t三', '张\n三', 'a\u001bb', '张\u202e三', '\u2066张三\u2069', '张\u200b三', '张\ufeff三', '张\u200f三', 'a\u00adb', 'a\u2028b', '']) {
      const result = name.safeParse(bad);
      assert.equal(result.success, false, JSON.stringify(bad));
    }
  });
});
