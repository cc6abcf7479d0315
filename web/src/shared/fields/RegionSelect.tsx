/**
 * Picks a region of the caller's scope by name from its tree (read level by level as it opens);
 * the value is the 12-digit division code, shown as the region's name with those above it. A
 * controlled antd form control.
 */
import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import type { RegionLevel } from '@gridgov/contracts';
import { regionQueries } from '../../api/regions';
import { levelLabel } from '../../app/labels';
import { useI18n } from '../../i18n/i18n';
import { regionPathName } from '../regions/RegionName';
import { isRevoked, useRegionTree, type RegionNode } from '../regions/region-tree';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Only these levels may be picked (the others open only). */
  levels?: readonly RegionLevel[];
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

interface Option {
  value: string;
  title: string;
  isLeaf: boolean;
  disabled?: boolean;
  selectable?: boolean;
  children?: Option[];
}

export function RegionSelect({ value, onChange, levels, allowClear, placeholder, style, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const tree = useRegionTree(false);
  // The value's name with those above it, whether or not its branch was opened.
  const known = useQuery({ ...regionQueries.detail(value ?? ''), enabled: Boolean(value && /^\d{12}$/.test(value)), staleTime: Infinity, meta: { silent: true } }).data;
  const toOption = (node: RegionNode): Option => ({
    value: node.key,
    title: `${node.region.name}（${levelLabel(t, node.region.level)}）`,
    isLeaf: node.isLeaf,
    disabled: isRevoked(node.region),
    selectable: !levels || levels.includes(node.region.level),
    children: node.children?.map(toOption),
  });
  const label = known && known.code === value ? regionPathName(known) : value;
  return (
    <TreeSelect<{ value: string; label?: ReactNode }>
      labelInValue
      value={value ? { value, label } : undefined}
      onChange={(next) => onChange?.(next?.value ?? undefined)}
      treeData={tree.nodes.map(toOption)}
      loadData={(node) => tree.loadChildren(String(node.value))}
      loading={tree.loading}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder ?? t('regions.select')}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
      treeNodeLabelProp="title"
      data-testid={testId}
    />
  );
}
