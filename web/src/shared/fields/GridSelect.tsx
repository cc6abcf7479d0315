/**
 * Picks a grid in the caller's scope (optionally inside a region), searching by name. Works as a
 * controlled antd form control; the value is the grid id.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState, type CSSProperties } from 'react';
import type { Grid } from '@gridgov/contracts';
import { gridQueries } from '../../api/grids';
import { useI18n } from '../../i18n/i18n';
import { useDebounced } from '../hooks/use-debounced';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Only grids in this region (a 12-digit division code). */
  region?: string;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  disabled?: boolean;
  /** Label grids by name and code (where the code is what the user knows them by, e.g. imports). */
  withCode?: boolean;
  'data-testid'?: string;
}

interface Option {
  value: string;
  label: string;
}

function toOption(grid: Grid, withCode = false): Option {
  return { value: grid.id, label: `${grid.name}（${withCode ? grid.code : grid.regionName}）` };
}

export function GridSelect({ value, onChange, region, allowClear, placeholder, style, disabled, withCode, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 250);
  // The grids of the region matching what was typed; a picker that cannot read them stays empty.
  const found = useQuery({
    ...gridQueries.list({ region: region && /^\d{12}$/.test(region) ? region : undefined, q: q || undefined, pageSize: 50 }),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
  const options = (found.data?.items ?? []).map((grid) => toOption(grid, withCode));
  // A value set from outside (an edited record, a map click) gets its name.
  const missing = Boolean(value) && !options.some((option) => option.value === value);
  const known = useQuery({ ...gridQueries.detail(value ?? ''), enabled: missing, staleTime: Infinity, meta: { silent: true } }).data;
  const shown = missing && known ? [toOption(known, withCode), ...options] : options;

  return (
    <Select<string>
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={shown}
      loading={found.isFetching}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? t('record.gridSearch')}
      style={style}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      data-testid={testId}
    />
  );
}
