import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect } from 'react';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { isPortalPath, isPublicPortalPath, landingPath, PORTAL_PATHS, SHORT_CHECKIN_PREFIX } from '../portal/paths';
import { AppLayout } from './AppLayout';
import { EnrolPage } from './EnrolPage';
import { LoginPage } from './LoginPage';
import { useReducedMotion } from './motion';
import { QueryProvider, SessionCacheGuard } from './QueryProvider';
import { navigate, parseHash, useLocation } from './router';
import { canOpen, findRoute } from './routes';
import { SessionProvider, useSession } from './session';
import { OfflineQueueProvider } from '../shared/offline/queue';
// The kinds of offline submission, known from start so the queue sends what an earlier visit left.
import './offline-kinds';

export function App() {
  return (
    <I18nProvider>
      <LocalisedApp />
    </I18nProvider>
  );
}

function LocalisedApp() {
  const { locale } = useI18n();
  const reducedMotion = useReducedMotion();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1756a9', motion: !reducedMotion } }}>
      <AntApp style={{ height: '100%' }}>
        <QueryProvider>
          <SessionProvider>
            <SessionCacheGuard />
            <OfflineShell />
          </SessionProvider>
        </QueryProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** The console with the signed-in account's offline queue. */
function OfflineShell() {
  const { me } = useSession();
  return (
    <OfflineQueueProvider owner={me?.id ?? null}>
      <Shell />
    </OfflineQueueProvider>
  );
}

const LOGIN_PATH = '/login';
/** Where an admin account's holder enrols with the one-time code the operators gave them. */
const ENROL_PATH = '/enrol';

/** The resident portal (mobile web), loaded on demand. */
const PortalApp = lazy(() => import('../portal/PortalApp'));

/**
 * Login when nobody is signed in (remembering where they were going), the console otherwise;
 * the resident portal for residents and, on its public pages, for anyone.
 */
function Shell() {
  const { state } = useSession();
  const location = useLocation();
  const onLogin = location.path === LOGIN_PATH || location.path === ENROL_PATH;
  const portal = isPortalPath(location.path);
  const publicPortal = isPublicPortalPath(location.path);

  useEffect(() => {
    if (location.path.startsWith(SHORT_CHECKIN_PREFIX)) {
      // A venue's QR code: its check-in page on the portal.
      navigate(`${PORTAL_PATHS.checkin}/${location.path.slice(SHORT_CHECKIN_PREFIX.length)}`, { replace: true });
    } else if (state.status === 'anonymous' && !onLogin && !publicPortal) {
      const next = `${location.path}${location.query.toString() ? `?${location.query.toString()}` : ''}`;
      const resume = state.resume && next !== '/';
      navigate(resume ? `${LOGIN_PATH}?next=${encodeURIComponent(next)}` : LOGIN_PATH, { replace: true });
    } else if (state.status === 'signedIn' && onLogin) {
      // Back to where the session ran out, if the account now signed in may open it.
      const next = location.query.get('next');
      const route = next?.startsWith('/') ? findRoute(parseHash(next).path) : undefined;
      const allowed =
        (route !== undefined && canOpen(route, state.me.permissions)) ||
        (next?.startsWith('/') === true && isPortalPath(parseHash(next).path));
      navigate(allowed && next ? next : landingPath(state.me), { replace: true });
    } else if (state.status === 'signedIn' && location.path === '/' && isPortalPath(landingPath(state.me))) {
      // Residents have no console home; staff keep theirs reachable from the menu.
      navigate(landingPath(state.me), { replace: true });
    }
  }, [state, onLogin, publicPortal, location]);

  if (state.status === 'loading') {
    return (
      <div style={{ display: 'flex', height: '100%', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (portal && (state.status === 'signedIn' || publicPortal)) {
    return (
      <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '120px auto' }} />}>
        <PortalApp />
      </Suspense>
    );
  }
  if (state.status === 'anonymous') {
    return location.path === ENROL_PATH ? <EnrolPage initialCode={location.query.get('code') ?? ''} /> : <LoginPage notice={state.notice} />;
  }
  return <AppLayout />;
}
