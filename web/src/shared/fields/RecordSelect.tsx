/**
 * Picks a record of a register by searching it (residents by name or pinyin initials, buildings
 * by name, dwellings by room). A controlled antd form control; the value is the record id.
 */
import { Select } from 'antd';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { RegisterKind } from '@gridgov/contracts';
import { registersApi, type RegisterListParams, type RegisterRecord } from '../../api/registers';

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
  const [found, setFound] = useState<RegisterRecord<K>[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const request = useRef(0);
  const latest = useRef({ describe, params });
  useEffect(() => {
    latest.current = { describe, params };
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  const paramsKey = JSON.stringify(params ?? {});

  const search = (q: string) => {
    const mine = ++request.current;
    setLoading(true);
    registersApi
      .list(kind, { ...latest.current.params, q: q || undefined, pageSize: 20 })
      .then((page) => {
        if (mine === request.current) setFound(page.items);
      })
      .catch(() => {
        if (mine === request.current) setFound([]);
      })
      .finally(() => {
        if (mine === request.current) setLoading(false);
      });
  };

  useEffect(() => {
    search('');
    // Search again when the register or the filters change.
  }, [kind, paramsKey]);

  // A value set from outside (a link's filter) without a label: read the record once. Not for
  // residents, whose every read is audited; their forms pass the label.
  const [fetched, setFetched] = useState<RegisterRecord<K> | null>(null);
  const missing = Boolean(value) && !valueLabel && kind !== 'resident' && !found.some((record) => record.id === value) && fetched?.id !== value;
  useEffect(() => {
    if (!missing || !value) return;
    let cancelled = false;
    registersApi
      .get(kind, value)
      .then((record) => !cancelled && setFetched(record))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [missing, kind, value]);

  const options: Option[] = found.map((record) => ({ value: record.id, label: describe(record) }));
  const label = valueLabel ?? (fetched && fetched.id === value ? describe(fetched) : null);
  if (value && label && !options.some((option) => option.value === value)) options.unshift({ value, label });

  return (
    <Select<string>
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null, found.find((record) => record.id === next) ?? null)}
      options={options}
      loading={loading}
      allowClear={allowClear}
      placeholder={placeholder}
      style={style}
      showSearch={{
        filterOption: false,
        onSearch: (text) => {
          clearTimeout(timer.current);
          timer.current = setTimeout(() => search(text.trim()), 250);
        },
      }}
      data-testid={testId}
    />
  );
}
