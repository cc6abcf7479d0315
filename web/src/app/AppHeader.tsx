import { Button, Layout, Space, Tag, Typography } from 'antd';
import { NotificationBell } from '../features/tickets/notifications/NotificationBell';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { roleLabel, scopeLabel } from './labels';
import { useMe, useSession } from './session';

export function AppHeader({ onChangePassword }: { onChangePassword: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const { logout } = useSession();
  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        // On a phone the account's details wrap below the name instead of widening the page.
        flexWrap: 'wrap',
        height: 'auto',
        minHeight: 64,
        lineHeight: 'normal',
        gap: 8,
        background: '#fff',
        padding: '12px 20px',
        borderBottom: '1px solid #f0f0f0',
      }}
    >
      <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }} data-testid="header-product">
        {t('app.name')}
      </Typography.Title>
      <Space size="middle" wrap style={{ minWidth: 0 }}>
        <Typography.Text strong data-testid="header-user">
          {me.displayName}
        </Typography.Text>
        <Tag color="blue" data-testid="header-role">
          {roleLabel(t, me.role)}
        </Tag>
        <Typography.Text
          type="secondary"
          title={scopeLabel(t, me.scope)}
          style={{ display: 'inline-block', maxWidth: 280, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', verticalAlign: 'middle' }}
          data-testid="header-scope"
        >
          {scopeLabel(t, me.scope)}
        </Typography.Text>
        <NotificationBell />
        <LanguageSwitch />
        <Button size="small" onClick={onChangePassword} data-testid="header-change-password">
          {t('header.changePassword')}
        </Button>
        <Button size="small" onClick={() => void logout()} data-testid="header-logout">
          {t('header.logout')}
        </Button>
      </Space>
    </Layout.Header>
  );
}
