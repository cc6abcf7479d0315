/**
 * The portal's first page. Residents: report, their reports and the latest of them (and their
 * enterprise, for an enterprise's filer). Visitors:
 * report without an account, follow a report by its link, or sign in.
 */
import { Alert, Button, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { portalQueries } from '../api/portal';
import { navigate } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { BuildingIcon, ListIcon, ReportIcon, SearchIcon } from './icons';
import { enterpriseKeys, myEnterprisesApi } from '../features/enterprises/enterprises-api';
import { loginPath, PORTAL_PATHS } from './paths';
import { TicketCard } from './TicketCard';
import { PublicAnnouncements } from '../features/announcements/PublicAnnouncements';
import { identityApi, identityKeys } from './IdentityPage';

const RECENT = 3;

function Tile({ icon, title, text, onClick, primary, testId }: { icon: ReactNode; title: string; text: string; onClick: () => void; primary?: boolean; testId: string }) {
  return (
    <button type="button" className={`gg-portal-tile${primary ? ' gg-portal-tile-primary' : ''}`} onClick={onClick} data-testid={testId}>
      <span className="gg-portal-tile-icon">{icon}</span>
      <span className="gg-portal-tile-title">{title}</span>
      <span className="gg-portal-tile-text">{text}</span>
    </button>
  );
}

export default function PortalHome({ resident }: { resident: boolean }) {
  const { t } = useI18n();
  const { me } = useSession();
  const recent = useQuery({ ...portalQueries.recent(RECENT), enabled: resident }).data ?? null;
  const filer = (useQuery({ queryKey: enterpriseKeys.mine, queryFn: ({ signal }) => myEnterprisesApi.list(signal), enabled: resident && Boolean(me?.permissions.includes('enterprise:file')) }).data?.items.length ?? 0) > 0;

  const identity = useQuery({ queryKey: identityKeys.mine, queryFn: ({ signal }) => identityApi.mine(signal), enabled: resident && Boolean(me?.permissions.includes('identity:self')) }).data;

  if (resident && me) {
    return (
      <div data-testid="portal-home">
        <div className="gg-portal-hello">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('portal.home.hello', { name: me.displayName })}
          </Typography.Title>
          {me.scope.gridName && (
            <Typography.Text type="secondary" data-testid="portal-home-grid">
              {t('portal.home.grid', { grid: me.scope.gridName })}
            </Typography.Text>
          )}
        </div>
        {identity && !identity.verified && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('portal.identity.prompt')}
            action={<Button size="small" onClick={() => navigate(PORTAL_PATHS.identity)} data-testid="portal-home-identity">{t('portal.identity.go')}</Button>}
          />
        )}
        <div className="gg-portal-tiles">
          <Tile primary icon={<ReportIcon />} title={t('portal.nav.report')} text={t('portal.home.reportText')} onClick={() => navigate(PORTAL_PATHS.report)} testId="portal-home-report" />
          <Tile icon={<ListIcon />} title={t('portal.nav.mine')} text={t('portal.home.mineText')} onClick={() => navigate(PORTAL_PATHS.mine)} testId="portal-home-mine" />
          <Tile icon={<ListIcon />} title={t('portal.nav.reserve')} text={t('portal.home.reserveText')} onClick={() => navigate(PORTAL_PATHS.reserve)} testId="portal-home-reserve" />
          <Tile icon={<ListIcon />} title={t('portal.nav.declare')} text={t('portal.home.declareText')} onClick={() => navigate(PORTAL_PATHS.declare)} testId="portal-home-declare" />
          <Tile icon={<SearchIcon />} title={t('portal.nav.checkin')} text={t('portal.home.checkinText')} onClick={() => navigate(PORTAL_PATHS.checkin)} testId="portal-home-checkin" />
          <Tile icon={<SearchIcon />} title={t('portal.nav.healthCode')} text={t('portal.home.healthCodeText')} onClick={() => navigate(PORTAL_PATHS.healthCode)} testId="portal-home-health-code" />
          <Tile icon={<SearchIcon />} title={t('portal.nav.info')} text={t('portal.home.infoText')} onClick={() => navigate(PORTAL_PATHS.info)} testId="portal-home-info" />
          {filer && <Tile icon={<BuildingIcon />} title={t('portal.nav.enterprise')} text={t('portal.home.enterpriseText')} onClick={() => navigate(PORTAL_PATHS.enterprise)} testId="portal-home-enterprise" />}
        </div>
        <PublicAnnouncements regionCode={me.scope.regionCode} />
        {recent && recent.items.length > 0 && (
          <section className="gg-portal-recent">
            <div className="gg-portal-section-head">
              <Typography.Text strong>{t('portal.home.recent')}</Typography.Text>
              {recent.total > RECENT && <a href={`#${PORTAL_PATHS.mine}`}>{t('portal.home.all', { n: recent.total })}</a>}
            </div>
            <div className="gg-portal-list">
              {recent.items.map((ticket) => (
                <TicketCard key={ticket.id} ticket={ticket} />
              ))}
            </div>
          </section>
        )}
      </div>
    );
  }

  return (
    <div data-testid="portal-home">
      <div className="gg-portal-hello">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('portal.home.publicTitle')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('portal.home.publicText')}</Typography.Text>
      </div>
      <div className="gg-portal-tiles">
        <Tile primary icon={<ReportIcon />} title={t('portal.home.anonymous')} text={t('portal.home.anonymousText')} onClick={() => navigate(PORTAL_PATHS.report)} testId="portal-home-report" />
        <Tile icon={<SearchIcon />} title={t('portal.nav.track')} text={t('portal.home.trackText')} onClick={() => navigate(PORTAL_PATHS.track)} testId="portal-home-track" />
        <Tile icon={<ListIcon />} title={t('portal.nav.reserve')} text={t('portal.home.reserveText')} onClick={() => navigate(PORTAL_PATHS.reserve)} testId="portal-home-reserve" />
          <Tile icon={<ListIcon />} title={t('portal.nav.declare')} text={t('portal.home.declareText')} onClick={() => navigate(PORTAL_PATHS.declare)} testId="portal-home-declare" />
        <Tile icon={<SearchIcon />} title={t('portal.nav.info')} text={t('portal.home.infoText')} onClick={() => navigate(PORTAL_PATHS.info)} testId="portal-home-info" />
      </div>
      {me ? (
        <Button block size="large" onClick={() => navigate('/')} data-testid="portal-home-console">
          {t('portal.home.console')}
        </Button>
      ) : (
        <Button block size="large" onClick={() => navigate(loginPath(PORTAL_PATHS.home))} data-testid="portal-home-login">
          {t('portal.home.login')}
        </Button>
      )}
    </div>
  );
}
