/** The pages of the console, the permission each needs, and the menu built from them. */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from '@gridgov/contracts';
import type { MessageKey } from '../i18n/i18n';

export interface PageRoute {
  path: string;
  key: string;
  label: MessageKey;
  /** null: any signed-in user. */
  permission: Permission | null;
  component: LazyExoticComponent<ComponentType>;
}

export const PAGE_ROUTES: readonly PageRoute[] = [
  { path: '/', key: 'home', label: 'menu.home', permission: null, component: lazy(() => import('../features/home/HomePage')) },
  {
    path: '/regions',
    key: 'regions',
    label: 'menu.regions',
    permission: 'region:read',
    component: lazy(() => import('../features/regions/RegionsPage')),
  },
  {
    path: '/grids',
    key: 'grids',
    label: 'menu.grids',
    permission: 'grid:read',
    component: lazy(() => import('../features/grids/GridsPage')),
  },
  {
    path: '/users',
    key: 'users',
    label: 'menu.users',
    permission: 'user:read',
    component: lazy(() => import('../features/users/UsersPage')),
  },
  {
    path: '/audit',
    key: 'audit',
    label: 'menu.audit',
    permission: 'audit:read',
    component: lazy(() => import('../features/audit/AuditPage')),
  },
];

export function findRoute(path: string): PageRoute | undefined {
  return PAGE_ROUTES.find((route) => route.path === path);
}

export function allowedRoutes(permissions: readonly string[]): PageRoute[] {
  return PAGE_ROUTES.filter((route) => route.permission === null || permissions.includes(route.permission));
}
