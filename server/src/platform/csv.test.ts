import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { csvLine, neutralise } from './csv.js';

describe('export cells', () => {
  it('neutralises text that a spreadsheet would run as a formula', () => {
    for (const bad of ['=cmd|\' /C calc\'!A0', '+1', '-2', '@SUM(A1)', '\t=1', '\r=1']) assert.equal(neutralise(bad), `'${bad}`);
    for (const fine of ['张三', '1 + 1', 'a=b', '', "'already"]) assert.equal(neutralise(fine), fine);
    assert.equal(neutralise(-2), -2);
    assert.equal(neutralise(null), null);
  });

  it('writes CSV fields with quotes only where needed', () => {
    assert.equal(csvLine(['a', 'b,c', 'say "hi"', null, 3, 'x\ny']), 'a,"b,c","say ""hi""",,3,"x\ny"\r\n');
  });
});
