import { useQuery } from '@tanstack/react-query';
import { Badge, Drawer, Grid, Layout, Menu, Result, Spin } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { navigationQueries } from '../api/navigation';
import type { Translate } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n';
import { AppHeader } from './AppHeader';
import { ChangePasswordModal } from './ChangePasswordModal';
import { navigate, useLocation } from './router';
import { allowedRoutes, canOpen, findRoute, menuCounts, type PageRoute } from './routes';
import { useMe } from './session';
import { OfflineBanner } from '../shared/offline/OfflineBanner';

type MenuItems = NonNullable<MenuProps['items']>;

/** A menu entry's label with the count of work waiting there (nothing when none). */
function entryLabel(text: string, count: number | undefined, testId: string, t: Translate) {
  if (!count) return text;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      {text}
      <Badge count={count} overflowCount={999} size="small" title={t('nav.todo', { n: count })} data-testid={`${testId}-count`} data-count={count} />
    </span>
  );
}

/** Menu items in route order; grouped pages form a submenu where the group's first page is (with a dot when work waits inside). */
function menuItems(routes: readonly PageRoute[], counts: Map<string, number>, t: Translate): MenuItems {
  const items: MenuItems = [];
  const groups = new Map<string, MenuItems>();
  const waitingGroups = new Set(routes.flatMap((r) => (r.group && counts.get(r.key) ? [r.group.key] : [])));
  for (const route of routes) {
    const item = {
      key: route.key,
      label: (
        <a href={`#${route.path}`} data-testid={`menu-${route.key}`}>
          {entryLabel(t(route.label), counts.get(route.key), `menu-${route.key}`, t)}
        </a>
      ),
    };
    if (!route.group) {
      items.push(item);
      continue;
    }
    let children = groups.get(route.group.key);
    if (!children) {
      children = [];
      groups.set(route.group.key, children);
      items.push({
        key: `group-${route.group.key}`,
        label: (
          <span data-testid={`menu-group-${route.group.key}`}>
            <Badge dot={waitingGroups.has(route.group.key)} offset={[6, 0]}>
              {t(route.group.label)}
            </Badge>
          </span>
        ),
        children,
      });
    }
    children.push(item);
  }
  return items;
}

export function AppLayout() {
  const { t } = useI18n();
  const me = useMe();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // Below a laptop's width (a phone) the menu is a drawer opened from the header.
  const phone = screens.lg === false;
  const [menuOpen, setMenuOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const routes = allowedRoutes(me.permissions);
  const route = findRoute(location.path);
  const allowed = route !== undefined && canOpen(route, me.permissions);
  const groupKeys = [...new Set(routes.flatMap((r) => (r.group ? [`group-${r.group.key}`] : [])))];
  const [openKeys, setOpenKeys] = useState<string[]>(groupKeys);
  // The server answers nothing but the password change until it is done.
  const todo = useQuery({ ...navigationQueries.todoCounts(), enabled: !me.mustChangePassword }).data;
  const counts = menuCounts(routes, todo);
  const waiting = [...counts.values()].reduce((sum, n) => sum + n, 0) > 0;

  let content;
  if (me.mustChangePassword) {
    // The server answers nothing else until the password is changed: no page behind the dialog.
    content = null;
  } else if (!route) {
    content = <Result status="404" title="404" subTitle={t('page.notFound')} data-testid="page-not-found" />;
  } else if (!allowed) {
    content = <Result status="403" title="403" subTitle={t('page.forbidden')} data-testid="page-forbidden" />;
  } else {
    const Page = route.component;
    content = (
      <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>
        <Page />
      </Suspense>
    );
  }

  const menu = (
    <nav data-testid="side-menu">
      <Menu
        mode="inline"
        selectedKeys={route ? [route.key] : []}
        openKeys={openKeys}
        onOpenChange={setOpenKeys}
        style={{ borderInlineEnd: 'none' }}
        onClick={({ key }) => {
          const target = routes.find((r) => r.key === key);
          if (target) navigate(target.path);
          setMenuOpen(false);
        }}
        items={menuItems(routes, counts, t)}
      />
    </nav>
  );

  return (
    <Layout style={{ minHeight: '100%' }}>
      <OfflineBanner />
      <AppHeader onChangePassword={() => setPasswordOpen(true)} onOpenMenu={phone ? () => setMenuOpen(true) : undefined} menuWaiting={waiting} compact={phone} />
      <Layout>
        {phone ? (
          <Drawer placement="left" open={menuOpen} onClose={() => setMenuOpen(false)} size={260} title={t('app.name')} styles={{ body: { padding: 0 } }} data-testid="menu-drawer">
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: phone ? 12 : 20, minWidth: 0 }}>
          {/* Keyed by path so a page starts fresh when the menu changes. */}
          <div key={location.path}>{content}</div>
        </Layout.Content>
      </Layout>
      <ChangePasswordModal
        open={passwordOpen || me.mustChangePassword}
        forced={me.mustChangePassword}
        onClose={() => setPasswordOpen(false)}
      />
    </Layout>
  );
}
