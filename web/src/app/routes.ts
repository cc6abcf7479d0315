/**
 * The pages of the console and the home page's cards, each with the permissions it needs (as the
 * server's routes say it: one, any of a list, or `{ allOf }`); the menu and the cards a user sees
 * are those their permissions meet.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from '@gridgov/contracts';
import type { MessageKey } from '../i18n/i18n';
import { holds, type Need } from '../shared/permissions';

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
  /** null: any signed-in user. */
  needs: Need | null;
  group?: MenuGroup;
  /** The kind of record (a notification's subject type) this page opens with `?id=`. */
  opens?: string;
  component: LazyExoticComponent<ComponentType>;
}

const registers = MENU_GROUPS.registers;
const tickets = MENU_GROUPS.tickets;

/** Those who work tickets in the console: in their scope or their department's (a reporter's own are in the portal). */
const TICKET_STAFF: readonly Permission[] = ['ticket:read', 'ticket:handle'];

export const PAGE_ROUTES: readonly PageRoute[] = [
  { path: '/', key: 'home', label: 'menu.home', needs: null, component: lazy(() => import('../features/home/HomePage')) },
  { path: '/dashboard', key: 'dashboard', label: 'menu.dashboard', needs: 'dashboard:read', component: lazy(() => import('../features/dashboard/DashboardPage')) },
  {
    path: '/regions',
    key: 'regions',
    label: 'menu.regions',
    needs: 'region:read',
    component: lazy(() => import('../features/regions/RegionsPage')),
  },
  {
    path: '/grids',
    key: 'grids',
    label: 'menu.grids',
    needs: 'grid:read',
    component: lazy(() => import('../features/grids/GridsPage')),
  },
  {
    path: '/registers/residents',
    key: 'residents',
    label: 'menu.residents',
    needs: 'register:read',
    group: registers,
    component: lazy(() => import('../features/registers/residents/ResidentsPage')),
  },
  {
    path: '/registers/households',
    key: 'households',
    label: 'menu.households',
    needs: 'register:read',
    group: registers,
    component: lazy(() => import('../features/registers/households/HouseholdsPage')),
  },
  {
    path: '/registers/buildings',
    key: 'buildings',
    label: 'menu.buildings',
    needs: 'register:read',
    group: registers,
    component: lazy(() => import('../features/registers/buildings/BuildingsPage')),
  },
  {
    path: '/registers/dwellings',
    key: 'dwellings',
    label: 'menu.dwellings',
    needs: 'register:read',
    group: registers,
    component: lazy(() => import('../features/registers/dwellings/DwellingsPage')),
  },
  {
    path: '/registers/venues',
    key: 'venues',
    label: 'menu.venues',
    needs: 'register:read',
    group: registers,
    component: lazy(() => import('../features/registers/venues/VenuesPage')),
  },
  {
    path: '/registers/facilities',
    key: 'facilities',
    label: 'menu.facilities',
    needs: 'register:read',
    group: registers,
    component: lazy(() => import('../features/registers/facilities/FacilitiesPage')),
  },
  {
    path: '/registers/organizations',
    key: 'organizations',
    label: 'menu.organizations',
    needs: 'register:read',
    group: registers,
    component: lazy(() => import('../features/registers/organizations/OrganizationsPage')),
  },
  {
    path: '/registers/imports',
    key: 'imports',
    label: 'menu.imports',
    needs: 'register:import',
    group: registers,
    component: lazy(() => import('../features/registers/imports/ImportsPage')),
  },
  {
    path: '/registers/exports',
    key: 'exports',
    label: 'menu.exports',
    needs: 'register:export',
    group: registers,
    component: lazy(() => import('../features/registers/exports/ExportsPage')),
  },
  {
    path: '/registers/export-approvals',
    key: 'exportApprovals',
    label: 'menu.exportApprovals',
    needs: 'export:approve',
    group: registers,
    component: lazy(() => import('../features/registers/exports/ExportApprovalsPage')),
  },
  {
    path: '/tickets/queue',
    key: 'ticketQueue',
    label: 'menu.ticketQueue',
    needs: TICKET_STAFF,
    group: tickets,
    component: lazy(() => import('../features/tickets/lists/QueuePage')),
  },
  {
    path: '/tickets/all',
    key: 'ticketsAll',
    label: 'menu.ticketsAll',
    needs: TICKET_STAFF,
    group: tickets,
    component: lazy(() => import('../features/tickets/lists/AllTicketsPage')),
  },
  {
    path: '/tickets/dispatch',
    key: 'dispatchDesk',
    label: 'menu.dispatchDesk',
    needs: 'ticket:dispatch',
    group: tickets,
    component: lazy(() => import('../features/tickets/desk/DispatchDeskPage')),
  },
  {
    path: '/tickets/overdue',
    key: 'ticketsOverdue',
    label: 'menu.ticketsOverdue',
    needs: TICKET_STAFF,
    group: tickets,
    component: lazy(() => import('../features/tickets/lists/OverduePage')),
  },
  {
    path: '/tickets/supervised',
    key: 'ticketsSupervised',
    label: 'menu.ticketsSupervised',
    needs: TICKET_STAFF,
    group: tickets,
    component: lazy(() => import('../features/tickets/lists/SupervisedPage')),
  },
  {
    path: '/tickets/summonses',
    key: 'summonses',
    label: 'menu.summonses',
    needs: TICKET_STAFF,
    group: tickets,
    component: lazy(() => import('../features/tickets/summonses/SummonsBoardPage')),
  },
  {
    path: '/tickets/bulletin',
    key: 'bulletin',
    label: 'menu.bulletin',
    needs: 'ticket:dispatch',
    group: tickets,
    component: lazy(() => import('../features/tickets/bulletin/BulletinPage')),
  },
  {
    path: '/tickets/new',
    key: 'ticketNew',
    label: 'menu.ticketNew',
    needs: { allOf: ['ticket:report', 'ticket:read'] },
    group: tickets,
    component: lazy(() => import('../features/tickets/intake/IntakePage')),
  },
  {
    path: '/tickets/categories',
    key: 'ticketCategories',
    label: 'menu.ticketCategories',
    needs: 'ticket:config',
    group: tickets,
    component: lazy(() => import('../features/tickets/categories/CategoryConfigPage')),
  },
  { path: '/announcements', key: 'announcements', label: 'menu.announcements', needs: ['announcement:read', 'announcement:write', 'announcement:publish'], opens: 'announcement', component: lazy(() => import('../features/announcements/AnnouncementsPage')) },
  { path: '/forms', key: 'forms', label: 'menu.forms', needs: 'form:config', component: lazy(() => import('../features/forms/FormsConfigPage')) },
  {
    path: '/users',
    key: 'users',
    label: 'menu.users',
    needs: 'user:read',
    component: lazy(() => import('../features/users/UsersPage')),
  },
  {
    path: '/audit',
    key: 'audit',
    label: 'menu.audit',
    needs: 'audit:read',
    component: lazy(() => import('../features/audit/AuditPage')),
  },
];

export function findRoute(path: string): PageRoute | undefined {
  return PAGE_ROUTES.find((route) => route.path === path);
}

/** Whether a user with these permissions may open the page. */
export function canOpen(route: PageRoute, permissions: readonly string[]): boolean {
  return holds(route.needs, permissions);
}

/** Where a record of a kind opens for this user: the first page they may open that opens it, with the record open; null when none. */
export function subjectLink(type: string, id: string, permissions: readonly string[]): string | null {
  const route = PAGE_ROUTES.find((r) => r.opens === type && canOpen(r, permissions));
  return route ? pathWithQuery(route.path, { id }) : null;
}

export function allowedRoutes(permissions: readonly string[]): PageRoute[] {
  return PAGE_ROUTES.filter((route) => canOpen(route, permissions));
}

/** A card of the home page: what it is, what it needs, and the pages it may open (the first allowed). */
export interface HomeCard {
  key: string;
  label: MessageKey;
  description?: MessageKey;
  needs: Need;
  /** Keys of the pages the card leads to, in order. */
  pages: readonly string[];
}

const groupPages = (group: MenuGroup) => PAGE_ROUTES.filter((route) => route.group?.key === group.key).map((route) => route.key);

export const HOME_CARDS: readonly HomeCard[] = [
  { key: 'dashboard', label: 'menu.dashboard', needs: 'dashboard:read', pages: ['dashboard'] },
  { key: 'regions', label: 'menu.regions', description: 'home.card.regions', needs: 'region:read', pages: ['regions'] },
  { key: 'grids', label: 'menu.grids', description: 'home.card.grids', needs: 'grid:read', pages: ['grids'] },
  {
    key: 'registers',
    label: 'menu.registers',
    description: 'home.card.registers',
    needs: ['register:read', 'register:import', 'register:export', 'export:approve'],
    pages: groupPages(registers),
  },
  { key: 'tickets', label: 'menu.tickets', description: 'home.card.tickets', needs: [...TICKET_STAFF, 'ticket:config'], pages: groupPages(tickets) },
  { key: 'users', label: 'menu.users', description: 'home.card.users', needs: 'user:read', pages: ['users'] },
  { key: 'audit', label: 'menu.audit', description: 'home.card.audit', needs: 'audit:read', pages: ['audit'] },
];

/** The home page's cards a user sees, each with the path of the first of its pages they may open. */
export function homeCards(permissions: readonly string[]): (HomeCard & { path: string })[] {
  return HOME_CARDS.flatMap((card) => {
    if (!holds(card.needs, permissions)) return [];
    const page = card.pages.map((key) => PAGE_ROUTES.find((route) => route.key === key)).find((route) => route !== undefined && canOpen(route, permissions));
    return page ? [{ ...card, path: page.path }] : [];
  });
}

/** The path of a page with a query, e.g. `#/registers/residents?id=...`. */
export function pathWithQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
