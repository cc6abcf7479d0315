/**
 * Picks a record of a register by searching it (residents by name or pinyin initials, buildings
 * by name, dwellings by room). A controlled antd form control; the value is the record id.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState, type CSSProperties } from 'react';
import type { RegisterKind } from '@gridgov/contracts';
import { registerQueries, type RegisterListParams, type RegisterRecord } from '../../api/registers';
import { useDebounced } from '../hooks/use-debounced';

interface Props<K extends RegisterKind> {
  kind: K;
  value?: string | null;
  onChange?: (value: string | null, record: RegisterRecord<K> | null) => void;
  /** How a record reads in the list. */
  describe: (record: RegisterRecord<K>) => string;
  /** The label of the current value when it is not in the options yet (an edited record). */
  valueLabel?: string | null;
  /** Extra list filters, e.g. the grid. */
  params?: RegisterListParams;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
}

interface Option {
  value: string;
  label: string;
}

export function RecordSelect<K extends RegisterKind>(props: Props<K>) {
  const { kind, value, onChange, describe, valueLabel, params, placeholder, allowClear, style, 'data-testid': testId } = props;
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 250);
  const search = useQuery({
    ...registerQueries.list(kind, { ...params, q: q || undefined, pageSize: 20 }),
    placeholderData: keepPreviousData,
    meta: { silent: true },
  });
  const found = search.data?.items ?? [];

  // A value set from outside (a link's filter) without a label: read the record once. Not for
  // residents, whose every read is audited; their forms pass the label.
  const missing = Boolean(value) && !valueLabel && kind !== 'resident' && !found.some((record) => record.id === value);
  const fetched = useQuery({ ...registerQueries.detail(kind, value ?? ''), enabled: missing, staleTime: Infinity, meta: { silent: true } }).data;

  const options: Option[] = found.map((record) => ({ value: record.id, label: describe(record) }));
  const label = valueLabel ?? (fetched && fetched.id === value ? describe(fetched) : null);
  if (value && label && !options.some((option) => option.value === value)) options.unshift({ value, label });

  return (
    <Select<string>
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null, found.find((record) => record.id === next) ?? null)}
      options={options}
      loading={search.isFetching}
      allowClear={allowClear}
      placeholder={placeholder}
      style={style}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      data-testid={testId}
    />
  );
}
