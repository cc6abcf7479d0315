import { App, Badge, Button, Layout, Space, Tag, Typography } from 'antd';
import { NotificationBell } from '../features/tickets/notifications/NotificationBell';
import { useI18n } from '../i18n/i18n';
import { GlobalSearch } from './GlobalSearch';
import { LanguageSwitch } from './LanguageSwitch';
import { roleLabel, scopeLabel } from './labels';
import { useMe, useSession } from './session';
import { useOfflineQueue } from '../shared/offline/queue';

function MenuIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" style={{ display: 'block' }}>
      <path fill="currentColor" d="M3 6h18v2H3V6Zm0 5h18v2H3v-2Zm0 5h18v2H3v-2Z" />
    </svg>
  );
}

interface Props {
  onChangePassword: () => void;
  /** On a phone: opens the menu drawer (with a dot when work waits in it). */
  onOpenMenu?: () => void;
  menuWaiting?: boolean;
  /** A phone's header: the menu button, the product, the bell on one line; search and account below. */
  compact?: boolean;
}

export function AppHeader({ onChangePassword, onOpenMenu, menuWaiting = false, compact = false }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const { logout } = useSession();
  const queue = useOfflineQueue();
  const { modal } = App.useApp();
  // Submissions not yet sent are deleted with the sign-out: never without a word. What the phone
  // remembered for the account (task lists, forms, the grid's outline) goes with every sign-out.
  const signOut = () => {
    if (queue.items.length === 0) return void queue.clearAll().finally(() => logout());
    modal.confirm({
      title: t('offline.signOut.title', { n: queue.items.length }),
      content: t('offline.signOut.content'),
      okText: t('offline.signOut.confirm'),
      okButtonProps: { danger: true, 'data-testid': 'signout-discard-confirm' } as { danger: boolean },
      cancelText: t('offline.signOut.cancel'),
      onOk: async () => {
        await queue.clearAll();
        await logout();
      },
    });
  };
  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        // On a phone the account's details wrap below the name instead of widening the page.
        flexWrap: 'wrap',
        height: 'auto',
        minHeight: compact ? 52 : 64,
        lineHeight: 'normal',
        gap: 8,
        background: '#fff',
        padding: compact ? '8px 12px' : '12px 20px',
        borderBottom: '1px solid #f0f0f0',
      }}
    >
      <Space size={8} style={{ minWidth: 0 }}>
        {onOpenMenu && (
          <Badge dot={menuWaiting}>
            <Button type="text" icon={<MenuIcon />} onClick={onOpenMenu} aria-label={t('nav.openMenu')} data-testid="menu-open" />
          </Badge>
        )}
        <Typography.Title level={compact ? 5 : 4} style={{ margin: 0, whiteSpace: 'nowrap' }} data-testid="header-product">
          {t('app.name')}
        </Typography.Title>
      </Space>
      {/* Room for the unread count, which sits half outside the bell (two or three digits would widen a phone's page). */}
      {compact && <span style={{ paddingRight: 10 }}><NotificationBell /></span>}
      <GlobalSearch style={compact ? { order: 3, flexBasis: '100%' } : { width: 300 }} />
      <Space size={compact ? 'small' : 'middle'} wrap style={{ minWidth: 0, ...(compact ? { order: 4 } : {}) }}>
        <Typography.Text strong data-testid="header-user">
          {me.displayName}
        </Typography.Text>
        <Tag color="blue" data-testid="header-role">
          {roleLabel(t, me.role)}
        </Tag>
        <Typography.Text
          type="secondary"
          title={scopeLabel(t, me.scope)}
          style={{ display: 'inline-block', maxWidth: compact ? 200 : 280, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', verticalAlign: 'middle' }}
          data-testid="header-scope"
        >
          {scopeLabel(t, me.scope)}
        </Typography.Text>
        {!compact && <NotificationBell />}
        <LanguageSwitch />
        <Button size="small" onClick={onChangePassword} data-testid="header-change-password">
          {t('header.changePassword')}
        </Button>
        <Button size="small" onClick={signOut} data-testid="header-logout">
          {t('header.logout')}
        </Button>
      </Space>
    </Layout.Header>
  );
}
