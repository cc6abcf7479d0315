import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { swapAttachments } from './kept-attachments';

describe('swapAttachments', () => {
  it('puts the server\'s references in place of the kept ones, in items too, and leaves the rest', () => {
    const uploaded = new Map([
      ['local-1', { id: 'server-1', name: 'a.png', contentType: 'image/png', size: 10 }],
      ['local-2', { id: 'server-2', name: 'sig.png', contentType: 'image/png', size: 20 }],
    ]);
    const answers = {
      signature: { id: 'local-2', name: 'signature.png', contentType: 'image/png', size: 20 },
      photos: [{ id: 'local-1', name: 'a.png' }, { id: 'already-on-server', name: 'b.png' }],
      members: [{ photo: [{ id: 'local-1' }], note: 'x' }],
      where: { lon: 111.7, lat: 29.0 },
      risk_signs: ['conflict'],
    };
    const swapped = swapAttachments(answers, uploaded);
    assert.deepEqual(swapped.signature, { id: 'server-2', name: 'signature.png', contentType: 'image/png', size: 20 });
    assert.deepEqual(swapped.photos, [{ id: 'server-1', name: 'a.png', contentType: 'image/png', size: 10 }, { id: 'already-on-server', name: 'b.png' }]);
    assert.equal(swapped.members[0]!.photo[0]!.id, 'server-1');
    assert.deepEqual(swapped.where, { lon: 111.7, lat: 29.0 });
    assert.deepEqual(swapped.risk_signs, ['conflict']);
    assert.equal(answers.signature.id, 'local-2', 'the input is not changed');
  });
});
