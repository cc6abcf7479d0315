/** The change history of a record: one entry per version, newest first, field by field. */
import { Empty, Spin, Timeline, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import type { HistoryEntry, RegisterKind } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { formatDateTime } from '../../app/labels';
import { registersApi } from '../../api/registers';
import { useI18n, type Translate } from '../../i18n/i18n';
import { RefName, refKindOf } from './RefName';
import { enumLabel, fieldEnum, fieldLabel } from '../labels';

interface Props {
  kind: RegisterKind;
  id: string;
  /** The record's version: a new one loads the history again. */
  version: number;
  testId: string;
}

const ACTION_COLOR: Record<HistoryEntry['action'], string> = { create: 'green', update: 'blue', delete: 'red', import: 'gray' };
/** Derived from the grid; the grid itself is shown. */
const HIDDEN = new Set(['regionCode']);

function formatValue(t: Translate, kind: RegisterKind, field: string, value: unknown): ReactNode {
  if (value === null || value === undefined || value === '') return '—';
  const ref = refKindOf(field);
  if (ref && typeof value === 'string') return <RefName kind={ref} id={value} />;
  if (typeof value === 'boolean') return value ? t('reg.yes') : t('reg.no');
  const name = fieldEnum(kind, field);
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value.map((item) => (name ? enumLabel(t, name, String(item)) : String(item))).join('、');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return name ? enumLabel(t, name, String(value)) : String(value);
}

export function HistoryTimeline({ kind, id, version, testId }: Props) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    registersApi
      .history(kind, id, controller.signal)
      .then((answer) => setEntries([...answer.items].reverse()))
      .catch((err: unknown) => {
        feedback.error(err);
        if (!controller.signal.aborted) setEntries([]);
      });
    return () => controller.abort();
  }, [kind, id, version, feedback]);

  if (entries === null) return <Spin style={{ display: 'block', margin: '40px auto' }} />;
  if (entries.length === 0) return <Empty description={t('reg.history.empty')} />;
  return (
    <div data-testid={`${testId}-history`}>
      <Timeline
        items={entries.map((entry) => {
          const changes = entry.changes.filter((change) => !HIDDEN.has(change.field));
          return {
            key: `${entry.version}-${entry.at}`,
            color: ACTION_COLOR[entry.action],
            title: (
              <span>
                <Typography.Text strong>{t(`reg.history.action.${entry.action}`)}</Typography.Text>{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('reg.history.meta', {
                    version: entry.version,
                    actor: entry.actorName ?? t('reg.history.system'),
                    at: formatDateTime(entry.at, locale),
                  })}
                </Typography.Text>
              </span>
            ),
            content:
              changes.length === 0 ? (
                entry.action === 'update' ? (
                  <Typography.Text type="secondary">{t('reg.history.noChanges')}</Typography.Text>
                ) : null
              ) : (
                <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={`${testId}-history-v${entry.version}`}>
                  {changes.map((change) => (
                    <li key={change.field}>
                      <Typography.Text type="secondary">{fieldLabel(t, kind, change.field)}：</Typography.Text>
                      {entry.action === 'create' ? (
                        formatValue(t, kind, change.field, change.to)
                      ) : (
                        <>
                          <Typography.Text delete type="secondary">
                            {formatValue(t, kind, change.field, change.from)}
                          </Typography.Text>
                          {' → '}
                          <Typography.Text>{formatValue(t, kind, change.field, change.to)}</Typography.Text>
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
