/**
 * The grid of a grid worker or resident. With grid:read the grids in scope can be searched by
 * name; without it (a security admin may not read grids) the grid id is typed in.
 */
import { AutoComplete, Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { gridsApi } from '../../api/grids';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  'data-testid'?: string;
}

export function GridIdInput({ value, onChange, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const { can } = useSession();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  if (!can('grid:read')) {
    return <Input value={value} onChange={(event) => onChange?.(event.target.value.trim())} placeholder={t('users.gridIdPlaceholder')} data-testid={testId} />;
  }

  function search(text: string) {
    clearTimeout(timer.current);
    if (!text.trim()) return;
    timer.current = setTimeout(() => {
      gridsApi
        .list({ q: text.trim(), pageSize: 20 })
        .then((page) => setOptions(page.items.map((grid) => ({ value: grid.id, label: `${grid.name}（${grid.code} · ${grid.regionName}）` }))))
        .catch(() => setOptions([]));
    }, 300);
  }

  return (
    <AutoComplete
      value={value}
      onChange={(next: string) => onChange?.(next.trim())}
      options={options}
      showSearch={{ onSearch: search }}
      placeholder={t('users.gridSearchPlaceholder')}
      data-testid={testId}
    />
  );
}
