import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeCell } from './cell-normalise.js';

const value = (kind: Parameters<typeof normalizeCell>[0], raw: string) => {
  const out = normalizeCell(kind, raw);
  return 'value' in out ? out.value : 'SCIENTIFIC';
};

describe('normalizeCell', () => {
  it('reads phones the ways Excel and clerks write them', () => {
    assert.equal(value('phone', '+86 138 1234 0001'), '13812340001');
    assert.equal(value('phone', '+86-13812340001'), '13812340001');
    assert.equal(value('phone', '0086 13812340001'), '13812340001');
    assert.equal(value('phone', '138-1234-0001'), '13812340001');
    assert.equal(value('phone', '１３８１２３４０００１'), '13812340001');
    assert.equal(value('phone', '＋８６　１３８ １２３４ ０００１'), '13812340001');
    assert.equal(value('phone', "'13812340001"), '13812340001');
    assert.equal(value('phone', '0736－7251234'), '0736-7251234');
    assert.equal(value('phone', '(0736)7251234'), '0736-7251234');
    assert.equal(value('phone', '0736 7251234'), '07367251234');
  });

  it('reads ID numbers with full-width digits, spaces and a lowercase x', () => {
    assert.equal(value('id', '４３０７０２１９８００１０１００１Ｘ'), '43070219800101001X');
    assert.equal(value('id', '430702 19800101 001x'), '43070219800101001X');
    assert.equal(value('id', "'430702198001010011"), '430702198001010011');
    assert.equal(value('id', 'E12345678'), 'E12345678');
  });

  it('refuses numbers Excel turned into scientific notation: their digits are lost', () => {
    assert.equal(value('id', '4.30702E+17'), 'SCIENTIFIC');
    assert.equal(value('id', '4.30702198001010E+17'), 'SCIENTIFIC');
    assert.equal(value('id', '４.３０７０２Ｅ＋１７'), 'SCIENTIFIC');
    assert.equal(value('phone', '1.38123E+10'), 'SCIENTIFIC');
  });

  it('reads codes without spaces or full-width digits', () => {
    assert.equal(value('code', ' ４３０７０２００１ 001001 '), '430702001001001');
  });
});
