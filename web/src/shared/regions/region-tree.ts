/** State of a lazily loaded region tree: roots from the caller's scope, children on expand. */
import { useCallback, useEffect, useRef, useState, type Dispatch, type Key, type SetStateAction } from 'react';
import type { Region } from '@gridgov/contracts';
import { regionsApi } from '../../api/regions';

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

function mapNodes(nodes: RegionNode[], code: string, change: (node: RegionNode) => RegionNode): RegionNode[] {
  return nodes.map((node) => {
    if (node.key === code) return change(node);
    if (node.children) return { ...node, children: mapNodes(node.children, code, change) };
    return node;
  });
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
  /** Fetches the children again (after a child was created). */
  reloadChildren: (code: string) => Promise<void>;
  /** Puts a changed region in place (after rename or revoke). */
  replaceRegion: (region: Region) => void;
}

export function useRegionTree(includeRevoked: boolean): RegionTreeState {
  const [nodes, setNodes] = useState<RegionNode[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const loaded = useRef(new Set<string>());

  useEffect(() => {
    let cancelled = false;
    loaded.current = new Set();
    setLoading(true);
    setError(null);
    regionsApi
      .list(undefined, includeRevoked)
      .then((roots) => {
        if (!cancelled) setNodes(roots.map(toNode));
      })
      .catch((err: unknown) => {
        if (!cancelled) setError(err);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [includeRevoked]);

  const reloadChildren = useCallback(
    async (code: string) => {
      const children = await regionsApi.list(code, includeRevoked);
      loaded.current.add(code);
      setNodes((prev) =>
        mapNodes(prev, code, (node) => ({
          ...node,
          isLeaf: children.length === 0,
          children: children.map(toNode),
        })),
      );
    },
    [includeRevoked],
  );

  const loadChildren = useCallback(
    async (code: string) => {
      if (loaded.current.has(code)) return;
      await reloadChildren(code);
    },
    [reloadChildren],
  );

  const replaceRegion = useCallback((region: Region) => {
    setNodes((prev) => mapNodes(prev, region.code, (node) => ({ ...node, region: { ...node.region, ...region } })));
  }, []);

  return { nodes, loading, error, loadChildren, reloadChildren, replaceRegion };
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
