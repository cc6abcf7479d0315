/**
 * Picks a form (forms as data) by its title in the console's language, among those with a
 * published version; the value is the form's key. A controlled antd form control.
 */
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import type { CSSProperties } from 'react';
import type { FormSummary } from '@gridgov/contracts';
import { formsApi } from '../../api/forms';
import { useI18n } from '../../i18n/i18n';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Only forms whose key starts with this (`epidemic.`). */
  prefix?: string;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

export const formTitle = (title: { zh: string; en?: string | undefined }, locale: string) => (locale === 'en' ? (title.en ?? title.zh) : title.zh);

/** The published forms, read once a session and shared through the query cache. */
export function usePublishedForms(): FormSummary[] | undefined {
  return useQuery({ queryKey: ['forms', 'list'], queryFn: () => formsApi.list(), staleTime: 5 * 60_000, meta: { silent: true } }).data?.filter((f) => f.versions.some((v) => v.status === 'published'));
}

export function FormSelect({ value, onChange, prefix, allowClear, placeholder, style, 'data-testid': testId }: Props) {
  const { t, locale } = useI18n();
  const forms = usePublishedForms();
  const options = (forms ?? [])
    .filter((f) => !prefix || f.key.startsWith(prefix))
    .map((f) => {
      const published = f.versions.find((v) => v.status === 'published')!;
      return { value: f.key, label: formTitle(published.title, locale), version: published.version };
    });
  return (
    <Select<string>
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={options}
      optionRender={(option) => `${option.data.label} · v${option.data.version}`}
      loading={forms === undefined}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? t('forms.pick')}
      style={style}
      data-testid={testId}
    />
  );
}
