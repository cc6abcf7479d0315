/**
 * The resident portal (mobile web): its own header and bottom tab bar instead of the console's
 * side menu, larger controls, one column. Signed-in residents report, follow and rate their
 * reports; anyone may report anonymously and follow a report by its tracking link. An account
 * linked to enterprises as their filer (企业填报人) also has the "My enterprise" tab.
 */
import { Alert, Button, ConfigProvider, Result } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ChangePasswordModal } from '../app/ChangePasswordModal';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { navigate, useLocation } from '../app/router';
import { useSession } from '../app/session';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { BuildingIcon, HomeIcon, ListIcon, ReportIcon, SearchIcon } from './icons';
import MyReportsPage from './MyReportsPage';
import { loginPath, PORTAL_PATHS } from './paths';
import PortalHome from './PortalHome';
import ReportPage from './ReportPage';
import ReservePage from './ReservePage';
import DeclarePage from './DeclarePage';
import MyEnterprisePage from './MyEnterprisePage';
import { enterpriseKeys, myEnterprisesApi } from '../features/enterprises/enterprises-api';
import CheckinPage from './CheckinPage';
import IdentityPage from './IdentityPage';
import HealthCodePage from './HealthCodePage';
import PublicInfoPage from './PublicInfoPage';
import TicketDetailPage from './TicketDetailPage';
import { TrackLookupPage, TrackPage } from './TrackPage';
import './portal.css';

interface Screen {
  title: MessageKey;
  /** Where the back arrow leads; none on the tab pages. */
  back?: string;
  tab: 'home' | 'report' | 'mine' | 'track' | 'enterprise' | null;
  content: ReactNode;
}

function ResidentsOnly() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('portal.residentsOnly')}
      extra={
        <Button type="primary" size="large" onClick={() => navigate('/')}>
          {t('portal.home.console')}
        </Button>
      }
      data-testid="portal-residents-only"
    />
  );
}

function screenOf(path: string, resident: boolean): Screen {
  const rest = path.slice(PORTAL_PATHS.home.length).replace(/^\//, '');
  const [first = '', second, ...more] = rest.split('/');
  const param = second && more.length === 0 ? decodeURIComponent(second) : null;
  if (first === '') return { title: 'portal.title', tab: 'home', content: <PortalHome resident={resident} /> };
  if (first === 'report' && !second) {
    return { title: 'portal.nav.report', tab: 'report', content: <ReportPage mode={resident ? 'account' : 'public'} /> };
  }
  if (first === 'mine' && !second) {
    return { title: 'portal.nav.mine', tab: 'mine', content: resident ? <MyReportsPage /> : <ResidentsOnly /> };
  }
  if (first === 'tickets' && param) {
    return {
      title: 'portal.detail.title',
      back: PORTAL_PATHS.mine,
      tab: null,
      content: resident ? <TicketDetailPage id={param} /> : <ResidentsOnly />,
    };
  }
  if (first === 'reserve' && !second) return { title: 'portal.nav.reserve', back: PORTAL_PATHS.home, tab: null, content: <ReservePage /> };
  if (first === 'declare' && !second) return { title: 'portal.nav.declare', back: PORTAL_PATHS.home, tab: null, content: <DeclarePage /> };
  if (first === 'enterprise' && !second) return { title: 'portal.nav.enterprise', tab: 'enterprise', content: resident ? <MyEnterprisePage /> : <ResidentsOnly /> };
  if (first === 'checkin' && (!second || param)) return { title: 'portal.nav.checkin', back: PORTAL_PATHS.home, tab: null, content: <CheckinPage code={param} /> };
  if (first === 'identity' && !second) return { title: 'portal.nav.identity', back: PORTAL_PATHS.home, tab: null, content: resident ? <IdentityPage /> : <ResidentsOnly /> };
  if (first === 'health-code' && !second) return { title: 'portal.nav.healthCode', back: PORTAL_PATHS.home, tab: null, content: <HealthCodePage /> };
  if (first === 'info' && !second) return { title: 'portal.nav.info', back: PORTAL_PATHS.home, tab: null, content: <PublicInfoPage /> };
  if (first === 'track' && !second) return { title: 'portal.nav.track', tab: 'track', content: <TrackLookupPage /> };
  if (first === 'track' && param) {
    return { title: 'portal.track.title', back: PORTAL_PATHS.track, tab: null, content: <TrackPage token={param} /> };
  }
  return { title: 'portal.title', back: PORTAL_PATHS.home, tab: null, content: <NotFound /> };
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('page.notFound')} data-testid="portal-not-found" />;
}

interface Tab {
  key: NonNullable<Screen['tab']>;
  path: string;
  label: MessageKey;
  icon: ReactNode;
}

const RESIDENT_TABS: Tab[] = [
  { key: 'home', path: PORTAL_PATHS.home, label: 'portal.nav.home', icon: <HomeIcon /> },
  { key: 'report', path: PORTAL_PATHS.report, label: 'portal.nav.report', icon: <ReportIcon /> },
  { key: 'mine', path: PORTAL_PATHS.mine, label: 'portal.nav.mine', icon: <ListIcon /> },
];

const ENTERPRISE_TAB: Tab = { key: 'enterprise', path: PORTAL_PATHS.enterprise, label: 'portal.nav.enterprise', icon: <BuildingIcon /> };

const PUBLIC_TABS: Tab[] = [
  { key: 'home', path: PORTAL_PATHS.home, label: 'portal.nav.home', icon: <HomeIcon /> },
  { key: 'report', path: PORTAL_PATHS.report, label: 'portal.nav.report', icon: <ReportIcon /> },
  { key: 'track', path: PORTAL_PATHS.track, label: 'portal.nav.track', icon: <SearchIcon /> },
];

export default function PortalApp() {
  const { t } = useI18n();
  const { state, me, logout } = useSession();
  // A session that ran out on a page anyone may open: say so, rather than quietly going anonymous.
  const notice = state.status === 'anonymous' ? state.notice : null;
  const location = useLocation();
  const resident = me?.role === 'resident';
  const screen = screenOf(location.path, resident);
  // The enterprises the account files for (企业填报人): none for most residents.
  const filer = useQuery({ queryKey: enterpriseKeys.mine, queryFn: ({ signal }) => myEnterprisesApi.list(signal), enabled: resident && Boolean(me?.permissions.includes('enterprise:file')) });
  const tabs = resident ? [...RESIDENT_TABS, ...((filer.data?.items.length ?? 0) > 0 ? [ENTERPRISE_TAB] : [])] : PUBLIC_TABS;

  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location.path]);

  return (
    <ConfigProvider componentSize="large">
      <div className="gg-portal" data-testid="portal">
        <header className="gg-portal-header">
          {screen.back ? (
            <button type="button" className="gg-portal-header-button gg-portal-back" aria-label={t('portal.back')} onClick={() => navigate(screen.back ?? PORTAL_PATHS.home)} data-testid="portal-back">
              ‹
            </button>
          ) : (
            <span className="gg-portal-header-spacer" />
          )}
          <h1 className="gg-portal-title" data-testid="portal-title">
            {t(screen.title)}
          </h1>
          {me ? (
            <button
              type="button"
              className="gg-portal-header-button"
              onClick={() => {
                navigate(PORTAL_PATHS.home);
                void logout();
              }}
              data-testid="portal-logout"
            >
              {t('header.logout')}
            </button>
          ) : (
            <button type="button" className="gg-portal-header-button" onClick={() => navigate(loginPath(location.path))} data-testid="portal-login">
              {t('portal.login')}
            </button>
          )}
        </header>
        <main className="gg-portal-main">
          {notice && (
            <Alert
              type="warning"
              showIcon
              className="gg-portal-block"
              title={notice}
              action={
                <Button size="small" type="link" onClick={() => navigate(loginPath(location.path))}>
                  {t('portal.login')}
                </Button>
              }
              data-testid="portal-session-notice"
            />
          )}
          <div key={location.path}>{screen.content}</div>
          {screen.tab === 'home' && (
            <div className="gg-portal-lang">
              <LanguageSwitch />
            </div>
          )}
        </main>
        <nav className="gg-portal-tabs" data-testid="portal-tabs">
          {tabs.map((tab) => (
            <a
              key={tab.key}
              href={`#${tab.path}`}
              className={`gg-portal-tab${screen.tab === tab.key ? ' gg-portal-tab-active' : ''}`}
              data-testid={`portal-tab-${tab.key}`}
            >
              <span className="gg-portal-tab-icon">{tab.icon}</span>
              <span>{t(tab.label)}</span>
            </a>
          ))}
        </nav>
        {me && <ChangePasswordModal open={me.mustChangePassword} forced onClose={() => undefined} />}
      </div>
    </ConfigProvider>
  );
}
