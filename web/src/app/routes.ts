/** The pages of the console, the permission each needs, and the menu built from them. */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from '@gridgov/contracts';
import type { MessageKey } from '../i18n/i18n';

/** A submenu of the side menu; pages without a group sit at the top level. */
export interface MenuGroup {
  key: string;
  label: MessageKey;
}

export const MENU_GROUPS = {
  registers: { key: 'registers', label: 'menu.registers' },
  tickets: { key: 'tickets', label: 'menu.tickets' },
} as const satisfies Record<string, MenuGroup>;

export interface PageRoute {
  path: string;
  key: string;
  label: MessageKey;
  /** null: any signed-in user; a list: any of them. */
  permission: Permission | readonly Permission[] | null;
  group?: MenuGroup;
  component: LazyExoticComponent<ComponentType>;
}

const registers = MENU_GROUPS.registers;
const tickets = MENU_GROUPS.tickets;

/** Whether a user with these permissions may open a page that needs `needed`. */
export function allows(permissions: readonly string[], needed: PageRoute['permission']): boolean {
  if (needed === null) return true;
  return typeof needed === 'string' ? permissions.includes(needed) : needed.some((p) => permissions.includes(p));
}

export const PAGE_ROUTES: readonly PageRoute[] = [
  { path: '/', key: 'home', label: 'menu.home', permission: null, component: lazy(() => import('../features/home/HomePage')) },
  { path: '/dashboard', key: 'dashboard', label: 'menu.dashboard', permission: 'dashboard:read', component: lazy(() => import('../features/dashboard/DashboardPage')) },
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
    path: '/registers/residents',
    key: 'residents',
    label: 'menu.residents',
    permission: 'register:read',
    group: registers,
    component: lazy(() => import('../features/registers/residents/ResidentsPage')),
  },
  {
    path: '/registers/households',
    key: 'households',
    label: 'menu.households',
    permission: 'register:read',
    group: registers,
    component: lazy(() => import('../features/registers/households/HouseholdsPage')),
  },
  {
    path: '/registers/buildings',
    key: 'buildings',
    label: 'menu.buildings',
    permission: 'register:read',
    group: registers,
    component: lazy(() => import('../features/registers/buildings/BuildingsPage')),
  },
  {
    path: '/registers/dwellings',
    key: 'dwellings',
    label: 'menu.dwellings',
    permission: 'register:read',
    group: registers,
    component: lazy(() => import('../features/registers/dwellings/DwellingsPage')),
  },
  {
    path: '/registers/venues',
    key: 'venues',
    label: 'menu.venues',
    permission: 'register:read',
    group: registers,
    component: lazy(() => import('../features/registers/venues/VenuesPage')),
  },
  {
    path: '/registers/facilities',
    key: 'facilities',
    label: 'menu.facilities',
    permission: 'register:read',
    group: registers,
    component: lazy(() => import('../features/registers/facilities/FacilitiesPage')),
  },
  {
    path: '/registers/organizations',
    key: 'organizations',
    label: 'menu.organizations',
    permission: 'register:read',
    group: registers,
    component: lazy(() => import('../features/registers/organizations/OrganizationsPage')),
  },
  {
    path: '/registers/imports',
    key: 'imports',
    label: 'menu.imports',
    permission: 'register:import',
    group: registers,
    component: lazy(() => import('../features/registers/imports/ImportsPage')),
  },
  {
    path: '/registers/exports',
    key: 'exports',
    label: 'menu.exports',
    permission: 'register:export',
    group: registers,
    component: lazy(() => import('../features/registers/exports/ExportsPage')),
  },
  {
    path: '/registers/export-approvals',
    key: 'exportApprovals',
    label: 'menu.exportApprovals',
    permission: 'export:approve',
    group: registers,
    component: lazy(() => import('../features/registers/exports/ExportApprovalsPage')),
  },
  {
    path: '/tickets/queue',
    key: 'ticketQueue',
    label: 'menu.ticketQueue',
    permission: ['ticket:read', 'ticket:handle'],
    group: tickets,
    component: lazy(() => import('../features/tickets/lists/QueuePage')),
  },
  {
    path: '/tickets/all',
    key: 'ticketsAll',
    label: 'menu.ticketsAll',
    permission: ['ticket:read', 'ticket:handle'],
    group: tickets,
    component: lazy(() => import('../features/tickets/lists/AllTicketsPage')),
  },
  {
    path: '/tickets/dispatch',
    key: 'dispatchDesk',
    label: 'menu.dispatchDesk',
    permission: 'ticket:dispatch',
    group: tickets,
    component: lazy(() => import('../features/tickets/desk/DispatchDeskPage')),
  },
  {
    path: '/tickets/overdue',
    key: 'ticketsOverdue',
    label: 'menu.ticketsOverdue',
    permission: ['ticket:read', 'ticket:handle'],
    group: tickets,
    component: lazy(() => import('../features/tickets/lists/OverduePage')),
  },
  {
    path: '/tickets/supervised',
    key: 'ticketsSupervised',
    label: 'menu.ticketsSupervised',
    permission: ['ticket:read', 'ticket:handle'],
    group: tickets,
    component: lazy(() => import('../features/tickets/lists/SupervisedPage')),
  },
  {
    path: '/tickets/summonses',
    key: 'summonses',
    label: 'menu.summonses',
    permission: ['ticket:read', 'ticket:handle'],
    group: tickets,
    component: lazy(() => import('../features/tickets/summonses/SummonsBoardPage')),
  },
  {
    path: '/tickets/bulletin',
    key: 'bulletin',
    label: 'menu.bulletin',
    permission: 'ticket:dispatch',
    group: tickets,
    component: lazy(() => import('../features/tickets/bulletin/BulletinPage')),
  },
  {
    path: '/tickets/new',
    key: 'ticketNew',
    label: 'menu.ticketNew',
    permission: 'ticket:report',
    group: tickets,
    component: lazy(() => import('../features/tickets/intake/IntakePage')),
  },
  {
    path: '/tickets/categories',
    key: 'ticketCategories',
    label: 'menu.ticketCategories',
    permission: 'ticket:config',
    group: tickets,
    component: lazy(() => import('../features/tickets/categories/CategoryConfigPage')),
  },
  { path: '/forms', key: 'forms', label: 'menu.forms', permission: 'form:config', component: lazy(() => import('../features/forms/FormsConfigPage')) },
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
  return PAGE_ROUTES.filter((route) => allows(permissions, route.permission));
}

/** The path of a page with a query, e.g. `#/registers/residents?id=...`. */
export function pathWithQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
