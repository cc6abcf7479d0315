/**
 * A 12-digit division code field with a picker: type the code, or choose it from the region
 * tree of the caller's scope. Works as a controlled antd form control.
 */
import { Button, Input, Modal, Space } from 'antd';
import { useState, type CSSProperties } from 'react';
import type { RegionLevel } from '@gridgov/contracts';
import { levelLabel } from '../../app/labels';
import { withTestId } from '../../app/test-id';
import { useI18n } from '../../i18n/i18n';
import { RegionTree } from './RegionTree';
import { useExpandedRegions, useRegionTree, type RegionNode } from './region-tree';

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  placeholder?: string;
  /** Only these levels may be picked from the tree (e.g. communities for a grid). */
  levels?: readonly RegionLevel[];
  allowClear?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
}

export function RegionCodeInput({ value, onChange, placeholder, levels, allowClear, style, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Space.Compact style={{ width: '100%', ...style }}>
        <Input
          value={value}
          onChange={(event) => onChange?.(event.target.value.replace(/\D/g, '').slice(0, 12))}
          placeholder={placeholder ?? t('regions.codePlaceholder')}
          inputMode="numeric"
          allowClear={allowClear}
          data-testid={testId}
        />
        <Button onClick={() => setOpen(true)} data-testid={testId ? `${testId}-pick` : undefined}>
          {t('regions.pick')}
        </Button>
      </Space.Compact>
      {open && (
        <RegionPickerModal
          levels={levels}
          onCancel={() => setOpen(false)}
          onPick={(code) => {
            setOpen(false);
            onChange?.(code);
          }}
        />
      )}
    </>
  );
}

function RegionPickerModal({
  levels,
  onCancel,
  onPick,
}: {
  levels?: readonly RegionLevel[];
  onCancel: () => void;
  onPick: (code: string) => void;
}) {
  const { t } = useI18n();
  const tree = useRegionTree(false);
  const [expandedKeys, setExpandedKeys] = useExpandedRegions(tree);
  const [selected, setSelected] = useState<RegionNode | null>(null);
  const pickable = selected !== null && (!levels || levels.includes(selected.region.level));
  return (
    <Modal
      open
      title={levels ? t('regions.pickLevel', { levels: levels.map((level) => levelLabel(t, level)).join('/') }) : t('regions.pick')}
      onCancel={onCancel}
      onOk={() => selected && onPick(selected.key)}
      okButtonProps={withTestId({ disabled: !pickable }, 'region-picker-ok')}
      styles={{ body: { maxHeight: '60vh', overflow: 'auto' } }}
    >
      <RegionTree
        tree={tree}
        testId="region-picker-tree"
        selectedCode={selected?.key ?? null}
        expandedKeys={expandedKeys}
        onExpand={setExpandedKeys}
        onSelect={setSelected}
      />
    </Modal>
  );
}
