import { Layout, Menu, Result, Spin } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import type { Translate } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n';
import { AppHeader } from './AppHeader';
import { ChangePasswordModal } from './ChangePasswordModal';
import { navigate, useLocation } from './router';
import { allowedRoutes, canOpen, findRoute, type PageRoute } from './routes';
import { useMe } from './session';

type MenuItems = NonNullable<MenuProps['items']>;

/** Menu items in route order; grouped pages form a submenu where the group's first page is. */
function menuItems(routes: readonly PageRoute[], t: Translate): MenuItems {
  const items: MenuItems = [];
  const groups = new Map<string, MenuItems>();
  for (const route of routes) {
    const item = {
      key: route.key,
      label: (
        <a href={`#${route.path}`} data-testid={`menu-${route.key}`}>
          {t(route.label)}
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
        label: <span data-testid={`menu-group-${route.group.key}`}>{t(route.group.label)}</span>,
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
  const [passwordOpen, setPasswordOpen] = useState(false);
  const routes = allowedRoutes(me.permissions);
  const route = findRoute(location.path);
  const allowed = route !== undefined && canOpen(route, me.permissions);
  const groupKeys = [...new Set(routes.flatMap((r) => (r.group ? [`group-${r.group.key}`] : [])))];
  const [openKeys, setOpenKeys] = useState<string[]>(groupKeys);

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

  return (
    <Layout style={{ minHeight: '100%' }}>
      <AppHeader onChangePassword={() => setPasswordOpen(true)} />
      <Layout>
        <Layout.Sider width={200} theme="light" breakpoint="lg" collapsedWidth={0} style={{ borderRight: '1px solid #f0f0f0' }}>
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
              }}
              items={menuItems(routes, t)}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 20, minWidth: 0 }}>
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
