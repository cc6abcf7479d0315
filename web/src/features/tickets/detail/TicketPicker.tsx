/**
 * Picks another ticket (to merge into): the possible duplicates of this one first, then any
 * found by number or words. A controlled antd form control.
 */
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { Ticket } from '@gridgov/contracts';
import { ticketsApi } from '../../../api/tickets';
import { useI18n } from '../../../i18n/i18n';

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
  const [duplicates, setDuplicates] = useState<Option[]>([]);
  const [found, setFound] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    let cancelled = false;
    const point = ticket.lon !== null && ticket.lat !== null ? { lon: ticket.lon, lat: ticket.lat } : {};
    ticketsApi
      .check({ description: ticket.description, ...point })
      .then((answer) => {
        if (cancelled) return;
        setDuplicates(
          answer.duplicates
            .filter((d): d is typeof d & { id: string } => d.id !== null && d.id !== ticket.id)
            .map((d) => ({ value: d.id, label: `${d.number} · ${short(d.description)} · ${t('ticket.similarity', { n: Math.round(d.similarity * 100) })}` })),
        );
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [ticket, t]);

  const search = (q: string) => {
    clearTimeout(timer.current);
    if (!q) {
      setFound([]);
      return;
    }
    timer.current = setTimeout(() => {
      setLoading(true);
      ticketsApi
        .list({ view: 'all', q, pageSize: 20 })
        .then((page) =>
          setFound(
            page.items
              .filter((other) => other.id !== ticket.id && other.status !== 'merged' && other.status !== 'rejected')
              .map((other: Ticket) => ({ value: other.id, label: `${other.number} · ${short(other.description)}` })),
          ),
        )
        .catch(() => setFound([]))
        .finally(() => setLoading(false));
    }, 300);
  };

  const options = [
    ...(duplicates.length ? [{ label: t('ticket.form.duplicates'), options: duplicates }] : []),
    ...(found.length ? [{ label: t('ticket.form.searchResults'), options: found.filter((f) => !duplicates.some((d) => d.value === f.value)) }] : []),
  ];
  return (
    <Select<string>
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={options}
      loading={loading}
      allowClear
      placeholder={t('ticket.form.targetPlaceholder')}
      showSearch={{ filterOption: false, onSearch: search }}
      notFoundContent={null}
      data-testid={testId}
    />
  );
}
