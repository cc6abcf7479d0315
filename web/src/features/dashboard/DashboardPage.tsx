/**
 * 综治指挥中心: the command-centre dashboard of a place (M11). Opens at the viewer's own region
 * (or grid); `?region=<code>` and `?grid=<id>` drill in, the breadcrumb leads back up, and
 * `?screen=big` shows the big screen for a wall display. A place outside the viewer's scope shows
 * that it may not be viewed, never its data.
 */
import { Button, Result } from 'antd';
import { errorText } from '../../app/feedback';
import { navigate, useLocation } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import { BigScreenLayout } from './BigScreenLayout';
import { ConsoleLayout } from './ConsoleLayout';
import { dashboardPath, readLocation } from './place';
import { useDashboardModel } from './use-dashboard-model';
import './dashboard.css';

export default function DashboardPage() {
  const { t } = useI18n();
  const location = useLocation();
  const { query, big } = readLocation(location.query);
  const model = useDashboardModel(query, big);
  const overview = model.data.overview;

  const switchBig = (on: boolean) => navigate(dashboardPath(model.query, on));

  let notice = null;
  if (model.forbidden) {
    notice = (
      <Result
        status="403"
        title={t('dashboard.forbiddenTitle')}
        subTitle={t('dashboard.forbidden')}
        data-testid="dashboard-forbidden"
        extra={
          <Button type="primary" href={`#${dashboardPath({}, big)}`} data-testid="dashboard-back-own">
            {t('dashboard.backToOwn')}
          </Button>
        }
      />
    );
  } else if (overview.data === null && overview.error) {
    notice = (
      <Result
        status="error"
        title={t('dashboard.loadFailed')}
        subTitle={errorText(overview.error, t)}
        data-testid="dashboard-error"
        extra={
          <Button onClick={model.data.refresh} data-testid="dashboard-retry">
            {t('dashboard.retry')}
          </Button>
        }
      />
    );
  }

  if (big) return <BigScreenLayout model={model} onExit={() => switchBig(false)} notice={notice ?? undefined} />;
  if (notice) return <div data-testid="dashboard-page" data-screen="console" data-place={model.key}>{notice}</div>;
  return <ConsoleLayout model={model} onBigScreen={() => switchBig(true)} />;
}
