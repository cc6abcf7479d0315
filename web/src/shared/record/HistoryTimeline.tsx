/**
 * The change history of a record: one entry per version, newest first, field by field. The
 * record's module says how its fields are named and its values read (enums, linked records).
 */
import { useQuery, type QueryFunction, type QueryKey } from '@tanstack/react-query';
import { Empty, Spin, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { HistoryEntry } from '@gridgov/contracts';
import { formatDateTime } from '../format';
import { useI18n, type Translate } from '../../i18n/i18n';

interface Props {
  query: { queryKey: QueryKey; queryFn: QueryFunction<HistoryEntry[]> };
  fieldLabel: (t: Translate, field: string) => string;
  formatValue?: (t: Translate, field: string, value: unknown) => ReactNode;
  /** Fields not worth showing (derived from others). */
  hidden?: readonly string[];
  testId: string;
}

const ACTION_COLOR: Record<HistoryEntry['action'], string> = { create: 'green', update: 'blue', delete: 'red', import: 'gray' };

/** A stored value as text: blanks as a dash, yes/no, lists joined, objects as JSON. */
export function plainValue(t: Translate, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('record.yes') : t('record.no');
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((item) => String(item)).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function HistoryTimeline({ query, fieldLabel, formatValue, hidden = [], testId }: Props) {
  const { t, locale } = useI18n();
  const history = useQuery(query);
  const show = (field: string, value: unknown): ReactNode => (formatValue ? formatValue(t, field, value) : plainValue(t, value));

  if (history.isPending) return <Spin style={{ display: 'block', margin: '40px auto' }} />;
  const entries = [...(history.data ?? [])].reverse();
  if (entries.length === 0) return <Empty description={t('record.history.empty')} />;
  return (
    <div data-testid={`${testId}-history`}>
      <Timeline
        items={entries.map((entry) => {
          const changes = entry.changes.filter((change) => !hidden.includes(change.field));
          return {
            key: `${entry.version}-${entry.at}`,
            color: ACTION_COLOR[entry.action],
            title: (
              <span>
                <Typography.Text strong>{t(`record.history.action.${entry.action}`)}</Typography.Text>{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('record.history.meta', {
                    version: entry.version,
                    actor: entry.actorName ?? t('record.history.system'),
                    at: formatDateTime(entry.at, locale),
                  })}
                </Typography.Text>
              </span>
            ),
            content:
              changes.length === 0 ? (
                entry.action === 'update' ? (
                  <Typography.Text type="secondary">{t('record.history.noChanges')}</Typography.Text>
                ) : null
              ) : (
                <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={`${testId}-history-v${entry.version}`}>
                  {changes.map((change) => (
                    <li key={change.field}>
                      <Typography.Text type="secondary">{fieldLabel(t, change.field)}：</Typography.Text>
                      {entry.action === 'create' ? (
                        show(change.field, change.to)
                      ) : (
                        <>
                          <Typography.Text delete type="secondary">
                            {show(change.field, change.from)}
                          </Typography.Text>
                          {' → '}
                          <Typography.Text>{show(change.field, change.to)}</Typography.Text>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              ),
          };
        })}
      />
    </div>
  );
}
