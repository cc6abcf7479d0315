import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKIN_SOURCES, PERSON_KINDS } from '@gridgov/contracts';
import { documentKey, PERSON_CODES, personKindOf, SOURCE_CODES, sourceOf } from './person.js';

describe('check-in person keys and codes', () => {
  it('a document\'s key is its keyed hash\'s first 16 bytes as a uuid, the same every time', () => {
    const hash = Buffer.from('00112233445566778899aabbccddeeff0123456789abcdef0123456789abcdef', 'hex');
    assert.equal(documentKey(hash), '00112233-4455-6677-8899-aabbccddeeff');
    assert.equal(documentKey(Buffer.from(hash)), documentKey(hash));
  });

  it('the one-letter codes stand for every kind and source, and read back', () => {
    assert.deepEqual(PERSON_KINDS.map((k) => personKindOf(PERSON_CODES[k])), [...PERSON_KINDS]);
    assert.deepEqual(CHECKIN_SOURCES.map((s) => sourceOf(SOURCE_CODES[s])), [...CHECKIN_SOURCES]);
    assert.equal(new Set(Object.values(PERSON_CODES)).size, PERSON_KINDS.length);
    assert.equal(new Set(Object.values(SOURCE_CODES)).size, CHECKIN_SOURCES.length);
  });
});
