/**
 * Picks another ticket (to merge into): the possible duplicates of this one first, then any
 * found by number or words. A controlled antd form control.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import type { Ticket } from '@gridgov/contracts';
import { ticketQueries } from '../../../api/tickets';
import { useI18n } from '../../../i18n/i18n';
import { useDebounced } from '../../../shared/hooks/use-debounced';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  ticket: Ticket;
  'data-testid'?: string;
}

interface Option {
  value: string;
  label: string;
}

const short = (text: string) => (text.length > 28 ? `${text.slice(0, 28)}…` : text);

export function TicketPicker({ value, onChange, ticket, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 300);
  const point = ticket.lon !== null && ticket.lat !== null ? { lon: ticket.lon, lat: ticket.lat } : {};
  const check = useQuery(ticketQueries.check({ description: ticket.description, ...point }));
  const search = useQuery({ ...ticketQueries.list({ view: 'all', q, pageSize: 20 }), enabled: q !== '', placeholderData: keepPreviousData, meta: { silent: true } });

  const duplicates: Option[] = (check.data?.duplicates ?? [])
    // A possible duplicate outside the caller's scope comes as a number only: it cannot be chosen.
    .filter((d): d is typeof d & { id: string } => d.id !== null && d.id !== ticket.id)
    .map((d) => ({ value: d.id, label: `${d.number} · ${short(d.description)} · ${t('ticket.similarity', { n: Math.round(d.similarity * 100) })}` }));
  const found: Option[] =
    q === ''
      ? []
      : (search.data?.items ?? [])
          .filter((other) => other.id !== ticket.id && other.status !== 'merged' && other.status !== 'rejected')
          .map((other) => ({ value: other.id, label: `${other.number} · ${short(other.description)}` }));

  const options = [
    ...(duplicates.length ? [{ label: t('ticket.form.duplicates'), options: duplicates }] : []),
    ...(found.length ? [{ label: t('ticket.form.searchResults'), options: found.filter((f) => !duplicates.some((d) => d.value === f.value)) }] : []),
  ];
  return (
    <Select<string>
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={options}
      loading={search.isFetching}
      allowClear
      placeholder={t('ticket.form.targetPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={null}
      data-testid={testId}
    />
  );
}
