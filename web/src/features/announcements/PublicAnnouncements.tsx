/** The published public announcements that apply at a resident's place, on the portal's first page. */
import { Collapse, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { announcementKeys, announcementsApi } from './announcements-api';

const SHOWN = 5;

export function PublicAnnouncements({ regionCode }: { regionCode: string }) {
  const { t, locale } = useI18n();
  const items = useQuery({ queryKey: announcementKeys.publicAt(regionCode), queryFn: ({ signal }) => announcementsApi.publicAt(regionCode, signal), meta: { silent: true } }).data ?? [];
  if (items.length === 0) return null;
  return (
    <section className="gg-portal-recent" data-testid="portal-announcements">
      <div className="gg-portal-section-head">
        <Typography.Text strong>{t('announcement.portal.title')}</Typography.Text>
      </div>
      <Collapse
        size="small"
        items={items.slice(0, SHOWN).map((a) => ({
          key: a.id,
          label: (
            <span>
              {a.title}
              <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                {a.regionName} · {formatDateTime(a.publishedAt, locale)}
              </Typography.Text>
            </span>
          ),
          children: <div style={{ whiteSpace: 'pre-wrap' }}>{a.body}</div>,
        }))}
      />
    </section>
  );
}
