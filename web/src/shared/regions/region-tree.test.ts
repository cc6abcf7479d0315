import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Region } from '@gridgov/contracts';
import { buildNodes, isRevoked } from './region-tree';

const region = (code: string, level: Region['level'], validTo: string | null = null): Region => ({
  code,
  name: code,
  level,
  parentCode: null,
  validFrom: '2020-01-01',
  validTo,
  childCount: 0,
  gridCount: 0,
});

describe('region tree', () => {
  it('opens a region\'s children once they are read, a region without children being a leaf', () => {
    const county = region('430702000000', 'county');
    const township = region('430702001000', 'township');
    const community = region('430702001001', 'community');
    const loaded = new Map<string, Region[]>([
      ['430702000000', [township]],
      ['430702001000', []],
    ]);
    const [root] = buildNodes([county, community], (code) => loaded.get(code));
    assert.equal(root?.isLeaf, false);
    assert.deepEqual(root?.children?.map((node) => [node.key, node.isLeaf]), [['430702001000', true]]);
    // A community holds grids, not regions; a region not yet opened has no children listed.
    const nodes = buildNodes([community, region('430703000000', 'county')], () => undefined);
    assert.deepEqual(nodes.map((node) => [node.isLeaf, node.children]), [[true, undefined], [false, undefined]]);
  });

  it('calls a region revoked from the day its validity ends', () => {
    assert.equal(isRevoked(region('1', 'county', '2025-12-31'), '2026-01-01'), true);
    assert.equal(isRevoked(region('1', 'county', '2026-06-30'), '2026-01-01'), false);
    assert.equal(isRevoked(region('1', 'county'), '2026-01-01'), false);
  });
});
