import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateTicketText, pickTicketCategory, seededRandom } from './classifier/training-texts.js';
import { bigramCodes, distanceM, jaccard, SIGNATURE_SIZE, textSignature } from './similarity.js';

const shareAValue = (a: number[], b: number[]) => a.some((v) => b.includes(v));

describe('text similarity for duplicate detection', () => {
  it('compares the bigrams of the letters only: spaces, punctuation, symbols and digits do not count', () => {
    assert.deepEqual(bigramCodes('井盖 缺失！3号楼'), bigramCodes('井盖缺失号楼'));
    assert.equal(bigramCodes('井盖缺失').length, 3);
    assert.equal(bigramCodes('井井井').length, 1, 'a repeated bigram counts once');
    assert.equal(jaccard(bigramCodes('井盖缺失'), bigramCodes('井盖缺失')), 1);
    assert.equal(jaccard(bigramCodes('井盖缺失'), bigramCodes('噪音扰民')), 0);
    // 井盖 盖缺 缺失 against 井盖 盖丢 丢失: 1 shared of 5.
    assert.equal(jaccard(bigramCodes('井盖缺失'), bigramCodes('井盖丢失')), 1 / 5);
    assert.equal(jaccard(bigramCodes(''), bigramCodes('井盖')), 0);
  });

  it('signs a text with 16 stable values; equal texts sign alike; a text without bigrams has no signature', () => {
    const a = textSignature(bigramCodes('幸福路口的井盖缺失了很危险'));
    assert.equal(a.length, SIGNATURE_SIZE);
    assert.ok(a.every((v) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31));
    assert.deepEqual(textSignature(bigramCodes('幸福路口的井盖缺失了，很危险！')), a);
    assert.deepEqual(textSignature(bigramCodes('井')), []);
  });

  it('texts at the duplicate threshold share a signature value, while most unrelated ones do not', () => {
    const random = seededRandom(3);
    const texts = Array.from({ length: 1500 }, () => generateTicketText(random, pickTicketCategory(random)));
    const codes = texts.map(bigramCodes);
    const signatures = codes.map(textSignature);
    let similar = 0;
    let similarShared = 0;
    let unrelated = 0;
    let unrelatedShared = 0;
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < Math.min(texts.length, i + 200); j++) {
        const shared = shareAValue(signatures[i]!, signatures[j]!);
        const similarity = jaccard(codes[i]!, codes[j]!);
        if (similarity >= 0.3) [similar, similarShared] = [similar + 1, similarShared + Number(shared)];
        if (similarity < 0.1) [unrelated, unrelatedShared] = [unrelated + 1, unrelatedShared + Number(shared)];
      }
    }
    assert.ok(similar > 50, `enough similar pairs to judge (${similar})`);
    assert.equal(similarShared, similar, 'every similar pair is a candidate');
    assert.ok(unrelatedShared / unrelated < 0.25, `unrelated pairs left as candidates: ${(unrelatedShared / unrelated).toFixed(3)}`);
  });

  it('measures distances in metres', () => {
    assert.equal(Math.round(distanceM(116.4, 39.9, 116.4, 39.9 + 0.001)), 111);
    assert.equal(Math.round(distanceM(116.4, 0, 116.401, 0)), 111);
  });
});
