/** Under the login form: report or follow a report without an account. */
import { Typography } from 'antd';
import { useI18n } from '../i18n/i18n';
import { PORTAL_PATHS } from './paths';

export function PortalLoginLinks() {
  const { t } = useI18n();
  return (
    <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: '16px 0 0' }} data-testid="login-portal-links">
      {t('portal.loginLinks.text')} <a href={`#${PORTAL_PATHS.report}`} data-testid="login-portal-report">{t('portal.loginLinks.report')}</a>
      {' · '}
      <a href={`#${PORTAL_PATHS.track}`} data-testid="login-portal-track">{t('portal.loginLinks.track')}</a>
    </Typography.Paragraph>
  );
}
