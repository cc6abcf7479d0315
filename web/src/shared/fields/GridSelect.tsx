/**
 * Picks a grid in the caller's scope (optionally inside a region), searching by name. Works as a
 * controlled antd form control; the value is the grid id.
 */
import { Select } from 'antd';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { Grid } from '@gridgov/contracts';
import { gridsApi } from '../../api/grids';
import { useI18n } from '../../i18n/i18n';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Only grids in this region (a 12-digit division code). */
  region?: string;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  disabled?: boolean;
  'data-testid'?: string;
}

interface Option {
  value: string;
  label: string;
}

function toOption(grid: Grid): Option {
  return { value: grid.id, label: `${grid.name}（${grid.regionName}）` };
}

export function GridSelect({ value, onChange, region, allowClear, placeholder, style, disabled, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const [options, setOptions] = useState<Option[]>([]);
  const [known, setKnown] = useState<Option | null>(null);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const request = useRef(0);
  useEffect(() => () => clearTimeout(timer.current), []);

  const load = (q: string) => {
    const mine = ++request.current;
    setLoading(true);
    gridsApi
      .list({ region: region && /^\d{12}$/.test(region) ? region : undefined, q: q || undefined, pageSize: 50 })
      .then((page) => {
        if (mine === request.current) setOptions(page.items.map(toOption));
      })
      .catch(() => {
        if (mine === request.current) setOptions([]);
      })
      .finally(() => {
        if (mine === request.current) setLoading(false);
      });
  };

  // The grids of the region, again whenever it changes.
  useEffect(() => {
    load('');
    // load() reads the region of this render.
  }, [region]);

  // A value set from outside (an edited record, a map click) gets its name.
  useEffect(() => {
    if (!value || options.some((option) => option.value === value) || known?.value === value) return;
    let cancelled = false;
    gridsApi
      .get(value)
      .then((grid) => {
        if (!cancelled) setKnown(toOption(grid));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [value, options, known]);

  const shown = known && !options.some((option) => option.value === known.value) ? [known, ...options] : options;

  return (
    <Select<string>
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={shown}
      loading={loading}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? t('reg.gridSearch')}
      style={style}
      showSearch={{
        filterOption: false,
        onSearch: (text) => {
          clearTimeout(timer.current);
          timer.current = setTimeout(() => load(text.trim()), 250);
        },
      }}
      data-testid={testId}
    />
  );
}
