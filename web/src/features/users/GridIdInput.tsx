/**
 * The grid of a grid worker's or resident's account: a searchable list of the grids in the
 * admin's scope, by name and code (`/api/users/grid-options`: names and codes only, nothing of the
 * registers). Nothing is typed in as an id.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { navigationQueries } from '../../api/navigation';
import { useI18n } from '../../i18n/i18n';
import { useDebounced } from '../../shared/hooks/use-debounced';

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  /** The name of the grid the account has now (editing), shown until the list is read. */
  currentName?: string | null;
  'data-testid'?: string;
}

export function GridIdInput({ value, onChange, currentName, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const found = useQuery({ ...navigationQueries.gridOptions(q), placeholderData: keepPreviousData });
  const options = (found.data?.items ?? []).map((grid) => ({
    value: grid.id,
    label: `${grid.name}（${grid.code} · ${grid.regionName}）`,
  }));
  if (value && currentName && !options.some((o) => o.value === value)) options.unshift({ value, label: currentName });
  return (
    <Select
      value={value}
      onChange={(next: string) => onChange?.(next)}
      options={options}
      showSearch={{ onSearch: setText, filterOption: false }}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? null : t('users.gridNone')}
      placeholder={t('users.gridSearchPlaceholder')}
      data-testid={testId}
    />
  );
}
