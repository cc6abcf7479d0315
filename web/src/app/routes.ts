/**
 * The pages of the console and the home page's cards, each with the permissions it needs (as the
 * server's routes say it: one, any of a list, or `{ allOf }`); the menu and the cards a user sees
 * are those their permissions meet.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission, TodoCounts } from '@gridgov/contracts';
import type { MessageKey } from '../i18n/i18n';
import { holds, type Need } from '../shared/permissions';

/** A submenu of the side menu; pages without a group sit at the top level. */
export interface MenuGroup {
  key: string;
  label: MessageKey;
}

const ENTERPRISE_ANY: Need = ['enterprise:read', 'enterprise:write', 'enterprise:review'];

export const MENU_GROUPS = {
  registers: { key: 'registers', label: 'menu.registers' },
  tickets: { key: 'tickets', label: 'menu.tickets' },
  socialOrder: { key: 'socialOrder', label: 'menu.socialOrder' },
  enterprises: { key: 'enterprises', label: 'menu.enterprises' },
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
  /** The count of work waiting on this page, shown on its menu entry (`/api/todo-counts`). */
  todo?: Exclude<keyof TodoCounts, 'notifications'>;
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
    todo: 'ticketQueue',
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
    todo: 'ticketsOverdue',
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
    todo: 'summonses',
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
  // Self-declarations (issue 14): health data, read with a stated purpose.
  { path: '/declarations', key: 'declarations', label: 'menu.declarations', needs: 'declaration:read', opens: 'declaration', component: lazy(() => import('../features/declarations/DeclarationsPage')) },
  // Arrival screening: checkpoints' lists imported (kind `arrival`), matched ones checked by grid.
  { path: '/arrivals', key: 'arrivals', label: 'menu.arrivals', needs: 'arrival:read', opens: 'arrival', component: lazy(() => import('../features/arrivals/ArrivalsPage')) },
  // Cases and contacts (issue 15): cases for operators; the contacts' follow-up list also for grid workers.
  { path: '/tracing', key: 'tracing', label: 'menu.tracing', needs: 'case:read', opens: 'case', component: lazy(() => import('../features/tracing/TracingPage')) },
  { path: '/contacts', key: 'contacts', label: 'menu.contacts', needs: 'contact:read', opens: 'contact', component: lazy(() => import('../features/tracing/ContactsPage')) },
  { path: '/health-codes', key: 'healthCodes', label: 'menu.healthCodes', needs: ['healthcode:read', 'healthcode:rule', 'healthcode:review'], component: lazy(() => import('../features/healthcode/HealthCodesPage')) },
  // Quarantine (issue 15): orders, sites and the rule for operators; today's follow-ups on the phone for grid workers.
  { path: '/quarantine', key: 'quarantine', label: 'menu.quarantine', needs: 'quarantine:read', opens: 'quarantine', component: lazy(() => import('../features/quarantine/QuarantinePage')) },
  { path: '/quarantine/today', key: 'quarantineToday', label: 'menu.quarantineToday', needs: 'quarantine:follow', component: lazy(() => import('../features/quarantine/TodayPage')) },
  // Emergency supplies (issue 18): warehouses, stock, the stock card, moves and counts for operators; requests also for grid workers.
  { path: '/supplies', key: 'supplies', label: 'menu.supplies', needs: 'supplies:read', opens: 'warehouse', component: lazy(() => import('../features/supplies/SuppliesPage')) },
  { path: '/supplies/requests', key: 'supplyRequests', label: 'menu.supplyRequests', needs: ['supplies:read', 'supplies:approve', 'supplies:request'], opens: 'supply_request', component: lazy(() => import('../features/supplies/RequestsPage')) },
  // Emergency command (issue 18): events, rescue teams, plans; `?id=` opens one event's command view.
  { path: '/emergency', key: 'emergency', label: 'menu.emergency', needs: 'emergency:read', opens: 'emergency_event', component: lazy(() => import('../features/emergency/EmergencyPage')) },
  { path: '/emergency/dispatches', key: 'emergencyDispatches', label: 'menu.emergencyDispatches', needs: 'emergency:field', component: lazy(() => import('../features/emergency/MyDispatchesPage')) },
  // Logistics (issue 18 item 5): shipments, vehicles, drivers; the driver's phone page; traffic-control notices.
  { path: '/logistics', key: 'logistics', label: 'menu.logistics', needs: ['logistics:read', 'logistics:dispatch', 'logistics:receive'], opens: 'shipment', component: lazy(() => import('../features/logistics/ShipmentsPage')) },
  { path: '/logistics/driver', key: 'driver', label: 'menu.driver', needs: 'logistics:drive', component: lazy(() => import('../features/logistics/DriverPage')) },
  { path: '/traffic-control', key: 'trafficControl', label: 'menu.trafficControl', needs: 'emergency:read', opens: 'traffic_control', component: lazy(() => import('../features/logistics/TrafficPage')) },
  // Broadcast (issue 18): messages to residents and enterprises by SMS, WeChat and loudspeakers; templates; loudspeakers on a map.
  { path: '/broadcasts', key: 'broadcasts', label: 'menu.broadcasts', needs: 'broadcast:read', opens: 'broadcast', component: lazy(() => import('../features/broadcast/BroadcastPage')) },
  // Outbound call campaigns (issue 18): scripts, targets, windows, progress and results; the follow-ups answers raised, for grid workers.
  { path: '/callouts', key: 'callouts', label: 'menu.callouts', needs: 'callout:read', opens: 'callout_campaign', component: lazy(() => import('../features/callouts/CalloutsPage')) },
  { path: '/callouts/tasks', key: 'calloutTasks', label: 'menu.calloutTasks', needs: 'callout:task', opens: 'callout_task', component: lazy(() => import('../features/callouts/CalloutTasksPage')) },
  // Devices (issue 17): cameras, gates, sensors, street lights, NVRs and platforms of the scope, on a map by state; MQTT secrets; import.
  { path: '/devices', key: 'devices', label: 'menu.devices', needs: 'device:read', opens: 'device', component: lazy(() => import('../features/devices/DevicesPage')) },
  { path: '/device-alarms', key: 'alarms', label: 'menu.alarms', needs: 'device_alarm:read', opens: 'device_alarm', component: lazy(() => import('../features/sensing/AlarmsPage')) },
  // Watch list (issue 17): plates and ID numbers captures are matched against, entered once and shown masked; added and deactivated at county level or above.
  { path: '/watchlist', key: 'watchlist', label: 'menu.watchlist', needs: ['watchlist:read', 'watchlist:manage'], component: lazy(() => import('../features/watchlist/WatchlistPage')) },
  // Public information (issue 14): rumour rebuttals, the health-facility directory, residents' questions.
  { path: '/rebuttals', key: 'rebuttals', label: 'menu.rebuttals', needs: 'publicinfo:manage', opens: 'rumour_rebuttal', component: lazy(() => import('../features/publicinfo/RebuttalsPage')) },
  { path: '/health-facilities', key: 'healthFacilities', label: 'menu.healthFacilities', needs: 'publicinfo:manage', opens: 'health_facility', component: lazy(() => import('../features/publicinfo/FacilitiesPage')) },
  { path: '/consultations', key: 'consultations', label: 'menu.consultations', needs: 'consultation:answer', opens: 'consultation', component: lazy(() => import('../features/publicinfo/ConsultationsPage')) },
  { path: '/reservations', key: 'reservations', label: 'menu.reservations', needs: ['reservation:manage', 'reservation:pickup'], opens: 'supply_drive', component: lazy(() => import('../features/reservations/ReservationsPage')) },
  { path: '/campaigns', key: 'campaigns', label: 'menu.campaigns', needs: ['campaign:manage', 'campaign:survey'], opens: 'survey_campaign', component: lazy(() => import('../features/campaigns/CampaignsPage')) },
  { path: '/campaigns/tasks', key: 'surveyTasks', label: 'menu.surveyTasks', needs: 'campaign:survey', component: lazy(() => import('../features/campaigns/SurveyTasksPage')) },
  // Enterprises (issue 14): resumption applications reviewed by the township, daily employee health, screening.
  { path: '/enterprises/applications', key: 'enterpriseApplications', label: 'menu.enterpriseApplications', needs: ENTERPRISE_ANY, group: MENU_GROUPS.enterprises, opens: 'enterprise_application', component: lazy(() => import('../features/enterprises/ApplicationsPage')) },
  { path: '/enterprises/health', key: 'enterpriseHealth', label: 'menu.enterpriseHealth', needs: ENTERPRISE_ANY, group: MENU_GROUPS.enterprises, component: lazy(() => import('../features/enterprises/HealthPage')) },
  { path: '/enterprises/stopped', key: 'enterpriseStopped', label: 'menu.enterpriseStopped', needs: ENTERPRISE_ANY, group: MENU_GROUPS.enterprises, component: lazy(() => import('../features/enterprises/StoppedPage')) },
  { path: '/enterprises/screening', key: 'enterpriseScreening', label: 'menu.enterpriseScreening', needs: ENTERPRISE_ANY, group: MENU_GROUPS.enterprises, component: lazy(() => import('../features/enterprises/ScreeningPage')) },
  // Key persons (issue 16): the strictest records; operators and the grid worker of the person's grid only.
  { path: '/keypersons', key: 'keypersons', label: 'menu.keypersons', needs: 'keyperson:read', group: MENU_GROUPS.socialOrder, opens: 'key_person', component: lazy(() => import('../features/keypersons/KeyPersonsPage')) },
  { path: '/keypersons/visit', key: 'keypersonVisits', label: 'menu.keypersonVisits', needs: 'keyperson:visit', group: MENU_GROUPS.socialOrder, component: lazy(() => import('../features/keypersons/VisitPage')) },
  { path: '/keypersons/categories', key: 'keypersonCategories', label: 'menu.keypersonCategories', needs: 'keyperson:manage', group: MENU_GROUPS.socialOrder, component: lazy(() => import('../features/keypersons/KpCategoriesPage')) },
  { path: '/keypersons/approvals', key: 'keypersonApprovals', label: 'menu.keypersonApprovals', needs: ['keyperson:approve', 'keyperson:read'], group: MENU_GROUPS.socialOrder, component: lazy(() => import('../features/keypersons/ApprovalsPage')) },
  {
    path: '/disputes',
    key: 'disputes',
    label: 'menu.disputes',
    needs: ['dispute:read', 'dispute:write', 'dispute:manage', 'dispute:mediate'],
    group: MENU_GROUPS.socialOrder,
    opens: 'dispute',
    component: lazy(() => import('../features/disputes/DisputesPage')),
  },
  // Social order (综治): risk warnings and their rules (issue 16, item 3).
  { path: '/warnings', key: 'warnings', label: 'menu.warnings', needs: ['warning:read', 'warning:handle', 'warning:assigned'], group: MENU_GROUPS.socialOrder, opens: 'warning', component: lazy(() => import('../features/warnings/WarningsPage')) },
  { path: '/warning-rules', key: 'warningRules', label: 'menu.warningRules', needs: 'warning:configure', group: MENU_GROUPS.socialOrder, component: lazy(() => import('../features/warnings/WarningRulesPage')) },
  // No-petition villages (issue 16, item 4).
  { path: '/no-petition-villages', key: 'noPetitionVillages', label: 'menu.noPetitionVillages', needs: 'petition_village:read', group: MENU_GROUPS.socialOrder, component: lazy(() => import('../features/petitions/NoPetitionVillagesPage')) },
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

/** The to-do count of each menu entry that has one, by page key. */
export function menuCounts(routes: readonly PageRoute[], counts: TodoCounts | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const route of routes) {
    const n = route.todo && counts ? counts[route.todo] : undefined;
    if (n !== undefined) out.set(route.key, n);
  }
  return out;
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

/**
 * The home page's cards a user sees, each with the path of the first of its pages they may open.
 * A card's description speaks of all its pages: one the user opens only in part lists just the pages
 * they may open instead (`pageLabels`), so a card never offers what the role cannot use.
 */
export function homeCards(permissions: readonly string[]): (HomeCard & { path: string; pageLabels?: MessageKey[] })[] {
  return HOME_CARDS.flatMap((card) => {
    if (!holds(card.needs, permissions)) return [];
    const pages = card.pages.flatMap((key) => PAGE_ROUTES.filter((route) => route.key === key));
    const open = pages.filter((route) => canOpen(route, permissions));
    if (open.length === 0) return [];
    const partial = open.length < pages.length;
    return [{ ...card, path: open[0]!.path, ...(partial ? { description: undefined, pageLabels: open.map((route) => route.label) } : {}) }];
  });
}

/** The path of a page with a query, e.g. `#/registers/residents?id=...`. */
export function pathWithQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
