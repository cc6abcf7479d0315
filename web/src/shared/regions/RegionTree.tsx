import { Empty, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import type { Key } from 'react';
import { levelLabel } from '../../app/labels';
import { useI18n } from '../../i18n/i18n';
import { errorText, useFeedback } from '../../app/feedback';
import { isRevoked, type RegionNode, type RegionTreeState } from './region-tree';

interface Props {
  tree: RegionTreeState;
  selectedCode: string | null;
  onSelect: (node: RegionNode) => void;
  expandedKeys: Key[];
  onExpand: (keys: Key[]) => void;
  /** Shown as the Tree's test id, so the page tree and the picker tree can be told apart. */
  testId?: string;
}

export function RegionTree({ tree, selectedCode, onSelect, expandedKeys, onExpand, testId = 'region-tree' }: Props) {
  const { t } = useI18n();
  const feedback = useFeedback();

  if (tree.loading) return <Spin style={{ display: 'block', margin: '40px auto' }} />;
  if (tree.error) return <Typography.Text type="danger">{errorText(tree.error, t)}</Typography.Text>;
  if (tree.nodes.length === 0) return <Empty description={t('regions.empty')} />;

  const toData = (node: RegionNode): TreeDataNode => ({
    key: node.key,
    isLeaf: node.isLeaf,
    title: (
      <span data-testid={`region-node-${node.key}`}>
        {node.region.name}
        <Tag style={{ marginInlineStart: 6 }} variant="filled">
          {levelLabel(t, node.region.level)}
        </Tag>
        {isRevoked(node.region) && <Tag color="default">{t('regions.revoked')}</Tag>}
      </span>
    ),
    children: node.children?.map(toData),
  });

  const byKey = new Map<string, RegionNode>();
  const index = (nodes: RegionNode[]) => {
    for (const node of nodes) {
      byKey.set(node.key, node);
      if (node.children) index(node.children);
    }
  };
  index(tree.nodes);

  return (
    <div data-testid={testId}>
      <Tree
        blockNode
        treeData={tree.nodes.map(toData)}
        selectedKeys={selectedCode ? [selectedCode] : []}
        expandedKeys={expandedKeys}
        onExpand={(keys) => onExpand(keys)}
        loadData={(node) => tree.loadChildren(String(node.key)).catch((err: unknown) => feedback.error(err))}
        onSelect={(_keys, info) => {
          const node = byKey.get(String(info.node.key));
          if (node) onSelect(node);
        }}
      />
    </div>
  );
}
