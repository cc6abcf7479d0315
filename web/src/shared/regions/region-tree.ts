/** State of a lazily loaded region tree: roots from the caller's scope, children on expand. */
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, type Dispatch, type Key, type SetStateAction } from 'react';
import type { Region } from '@gridgov/contracts';
import { regionKeys } from '../../api/keys';
import { regionQueries } from '../../api/regions';

export interface RegionNode {
  key: string;
  region: Region;
  isLeaf: boolean;
  children?: RegionNode[];
}

/** Communities hold grids, not regions. Other levels are leaves only once loading finds no
 * children (childCount may leave out revoked children, so it does not decide alone). */
export function toNode(region: Region): RegionNode {
  return { key: region.code, region, isLeaf: region.level === 'community' };
}

export function isRevoked(region: Region, today = new Date().toISOString().slice(0, 10)): boolean {
  return region.validTo !== null && region.validTo <= today;
}

export interface RegionTreeState {
  nodes: RegionNode[];
  loading: boolean;
  error: unknown;
  /** For antd Tree `loadData`. */
  loadChildren: (code: string) => Promise<void>;
  /** Reads the regions again (after a region was created, renamed or revoked). */
  reload: () => Promise<void>;
}

/** Nodes from the loaded lists: a region's children once they were asked for. */
export function buildNodes(regions: readonly Region[], childrenOf: (code: string) => readonly Region[] | undefined): RegionNode[] {
  return regions.map((region) => {
    const node = toNode(region);
    const children = childrenOf(region.code);
    if (!children) return node;
    return { ...node, isLeaf: children.length === 0, children: buildNodes(children, childrenOf) };
  });
}

/**
 * A lazily read region tree: the roots of the caller's scope, then each region's children as it
 * is expanded, all through the query cache (one key per parent), so a reload reads again only
 * what was opened.
 */
export function useRegionTree(includeRevoked: boolean): RegionTreeState {
  const client = useQueryClient();
  // The tree says itself when its roots cannot be read.
  const roots = useQuery({ ...regionQueries.children(undefined, includeRevoked), meta: { silent: true } });
  // Parents whose children were asked for, per includeRevoked (a switch starts the tree afresh).
  const [opened, setOpened] = useState<{ includeRevoked: boolean; codes: readonly string[] }>({ includeRevoked, codes: [] });
  const codes = opened.includeRevoked === includeRevoked ? opened.codes : [];
  const children = useQueries({ queries: codes.map((code) => ({ ...regionQueries.children(code, includeRevoked), meta: { silent: true } })) });
  const childrenByCode = new Map<string, readonly Region[]>();
  codes.forEach((code, index) => {
    const data = children[index]?.data;
    if (data) childrenByCode.set(code, data);
  });

  const loadChildren = useCallback(
    async (code: string) => {
      await client.fetchQuery(regionQueries.children(code, includeRevoked));
      setOpened((prev) => {
        const known = prev.includeRevoked === includeRevoked ? prev.codes : [];
        return known.includes(code) ? prev : { includeRevoked, codes: [...known, code] };
      });
    },
    [client, includeRevoked],
  );

  const reload = useCallback(() => client.invalidateQueries({ queryKey: regionKeys.all }), [client]);

  return {
    nodes: buildNodes(roots.data ?? [], (code) => childrenByCode.get(code)),
    loading: roots.isPending,
    error: roots.error,
    loadChildren,
    reload,
  };
}

/** Expanded nodes of a region tree, starting with the scope root opened. */
export function useExpandedRegions(tree: RegionTreeState): [Key[], Dispatch<SetStateAction<Key[]>>] {
  const [expandedKeys, setExpandedKeys] = useState<Key[]>([]);
  const firstRoot = tree.nodes[0]?.key;
  const { loadChildren } = tree;
  useEffect(() => {
    if (!firstRoot) return;
    loadChildren(firstRoot)
      .then(() => setExpandedKeys((keys) => (keys.includes(firstRoot) ? keys : [firstRoot, ...keys])))
      .catch(() => undefined);
  }, [firstRoot, loadChildren]);
  return [expandedKeys, setExpandedKeys];
}
