/** A warning's evidence (links to the records the viewer may open, a count of the others) and its steps. */
import { Empty, List, Timeline, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import type { DetailPartProps } from '../../shared/record-page/types';
import { subjectLink } from '../../app/routes';
import { useMe } from '../../app/session';
import type { WarningRecord } from './warnings-api';

const OPENS: Record<string, string> = { ticket: '#/tickets?id=', dispute: '#/disputes?id=', key_person: '#/keypersons?id=' };

export function WarningEvidence({ record }: DetailPartProps<WarningRecord>) {
  const { t, locale } = useI18n();
  const me = useMe();
  const evidence = record.evidence ?? [];
  // Tickets open on the tickets page; other records (key persons, disputes) on the page that opens their kind, if the viewer may open it.
  const href = (type: string, id: string): string | null => {
    if (OPENS[type]) return `${OPENS[type]}${id}`;
    const link = subjectLink(type, id, me.permissions);
    return link ? `#${link}` : null;
  };
  return (
    <div data-testid="warnings-evidence">
      <Typography.Title level={5}>{t('warning.evidence')}</Typography.Title>
      {evidence.length === 0 && !record.hiddenEvidence ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warning.evidenceNone')} />
      ) : (
        <List
          size="small"
          dataSource={evidence}
          renderItem={(e) => (
            <List.Item key={`${e.type}:${e.id}`}>
              {href(e.type, e.id) ? <a href={href(e.type, e.id)!}>{e.label}</a> : e.label}
              {e.where ? <Typography.Text type="secondary"> · {e.where}</Typography.Text> : null}
            </List.Item>
          )}
          footer={record.hiddenEvidence ? <Typography.Text type="secondary" data-testid="warnings-evidence-hidden">{t('warning.evidenceHidden', { count: record.hiddenEvidence })}</Typography.Text> : undefined}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('warning.timeline')}</Typography.Title>
      <Timeline
        items={(record.timeline ?? []).map((s) => ({
          children: (
            <span>
              {t(`warning.action.${s.action as 'acknowledge'}`)} · {s.by ?? ''} · {formatDateTime(s.at, locale)}
              {s.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{s.note}</div> : null}
            </span>
          ),
        }))}
      />
    </div>
  );
}
