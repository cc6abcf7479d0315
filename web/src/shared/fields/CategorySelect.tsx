/** Picks a ticket category from the tree (active ones). A controlled antd form control. */
import { TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { useI18n } from '../../i18n/i18n';
import { categoryOptions, useCategories } from './ticket-categories';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

export function CategorySelect({ value, onChange, allowClear, placeholder, style, 'data-testid': testId }: Props) {
  const { t, locale } = useI18n();
  const categories = useCategories();
  return (
    <TreeSelect<string>
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      treeData={categories ? categoryOptions(categories, false, locale) : []}
      loading={categories === null}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      placeholder={placeholder ?? t('ticket.form.categoryPlaceholder')}
      style={style}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
