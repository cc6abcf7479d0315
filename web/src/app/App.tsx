import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { AppLayout } from './AppLayout';
import { LoginPage } from './LoginPage';
import { navigate, parseHash, useLocation } from './router';
import { findRoute } from './routes';
import { SessionProvider, useSession } from './session';

export function App() {
  return (
    <I18nProvider>
      <LocalisedApp />
    </I18nProvider>
  );
}

function LocalisedApp() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1756a9' } }}>
      <AntApp style={{ height: '100%' }}>
        <SessionProvider>
          <Shell />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

const LOGIN_PATH = '/login';

/** Login when nobody is signed in (remembering where they were going), the console otherwise. */
function Shell() {
  const { state } = useSession();
  const location = useLocation();
  const onLogin = location.path === LOGIN_PATH;

  useEffect(() => {
    if (state.status === 'anonymous' && !onLogin) {
      const next = `${location.path}${location.query.toString() ? `?${location.query.toString()}` : ''}`;
      const resume = state.resume && next !== '/';
      navigate(resume ? `${LOGIN_PATH}?next=${encodeURIComponent(next)}` : LOGIN_PATH, { replace: true });
    } else if (state.status === 'signedIn' && onLogin) {
      // Back to where the session ran out, if the account now signed in may open it.
      const next = location.query.get('next');
      const route = next?.startsWith('/') ? findRoute(parseHash(next).path) : undefined;
      const allowed = route !== undefined && (route.permission === null || state.me.permissions.includes(route.permission));
      navigate(allowed && next ? next : '/', { replace: true });
    }
  }, [state, onLogin, location]);

  if (state.status === 'loading') {
    return (
      <div style={{ display: 'flex', height: '100%', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (state.status === 'anonymous') return <LoginPage notice={state.notice} />;
  return <AppLayout />;
}
