/**
 * Grid workers of a grid. With user:read the select searches grid-worker accounts by name;
 * without it (a system admin may not read accounts) worker ids are typed in.
 */
import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { usersApi } from '../../api/users';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';

interface Option {
  value: string;
  label: string;
}

interface Props {
  value?: string[];
  onChange?: (value: string[]) => void;
  /** Names of the workers already on the grid. */
  known: readonly { id: string; displayName: string }[];
  'data-testid'?: string;
}

export function WorkerSelect({ value, onChange, known, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const { can } = useSession();
  const searchable = can('user:read');
  const [options, setOptions] = useState<Option[]>(() => known.map((worker) => ({ value: worker.id, label: worker.displayName })));
  const [searching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  function search(text: string) {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setSearching(true);
      usersApi
        .list({ role: 'grid_worker', q: text.trim() || undefined, pageSize: 20 })
        .then((page) => {
          setOptions((previous) => {
            const chosen = previous.filter((option) => value?.includes(option.value));
            const found = page.items.map((user) => ({ value: user.id, label: `${user.displayName}（${user.username}）` }));
            const seen = new Set(found.map((option) => option.value));
            return [...chosen.filter((option) => !seen.has(option.value)), ...found];
          });
        })
        .catch(() => undefined)
        .finally(() => setSearching(false));
    }, 300);
  }

  if (!searchable) {
    return (
      <Select
        mode="tags"
        value={value}
        onChange={onChange}
        options={options}
        placeholder={t('grids.workerIdsPlaceholder')}
        tokenSeparators={[',', ' ', '，']}
        data-testid={testId}
      />
    );
  }
  return (
    <Select
      mode="multiple"
      value={value}
      onChange={onChange}
      options={options}
      showSearch={{ onSearch: search, filterOption: false }}
      onOpenChange={(open) => open && options.length <= known.length && search('')}
      notFoundContent={searching ? <Spin size="small" /> : undefined}
      placeholder={t('grids.workersPlaceholder')}
      data-testid={testId}
    />
  );
}
