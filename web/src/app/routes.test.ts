import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PERMISSIONS, ROLE_PERMISSIONS, type Role } from '@gridgov/contracts';
import { permissionsOf } from '../shared/permissions';
import { allowedRoutes, canOpen, findRoute, HOME_CARDS, homeCards, menuCounts, PAGE_ROUTES, pathWithQuery, subjectLink } from './routes';

const menu = (role: Role) => allowedRoutes(ROLE_PERMISSIONS[role]).map((route) => route.key);
const cards = (role: Role) => homeCards(ROLE_PERMISSIONS[role]).map((card) => card.key);

describe('menus from permissions', () => {
  it('names only permissions that exist', () => {
    for (const route of PAGE_ROUTES) for (const permission of permissionsOf(route.needs)) assert.ok(PERMISSIONS.includes(permission), `${route.key}: ${permission}`);
    for (const card of HOME_CARDS) for (const permission of permissionsOf(card.needs)) assert.ok(PERMISSIONS.includes(permission), `${card.key}: ${permission}`);
  });

  it('gives an operator the command centre, the registers and the whole closed loop', () => {
    const operator = menu('operator');
    for (const key of ['dashboard', 'residents', 'imports', 'exports', 'exportApprovals', 'ticketQueue', 'dispatchDesk', 'bulletin', 'ticketNew', 'summonses', 'users', 'declarations']) {
      assert.ok(operator.includes(key), key);
    }
    assert.ok(!operator.includes('audit'));
    assert.ok(!operator.includes('ticketCategories'));
  });

  it('gives a grid worker their grid\'s work: no desk, bulletin, imports or exports', () => {
    const worker = menu('grid_worker');
    for (const key of ['dashboard', 'grids', 'residents', 'ticketQueue', 'ticketsAll', 'ticketNew', 'declarations']) assert.ok(worker.includes(key), key);
    for (const key of ['dispatchDesk', 'bulletin', 'imports', 'exports', 'exportApprovals', 'users', 'audit']) assert.ok(!worker.includes(key), key);
  });

  it('gives a department handler the work dispatched to them: no intake, no region or grid administration, no residents', () => {
    const handler = menu('department_handler');
    for (const key of ['ticketQueue', 'ticketsAll', 'summonses']) assert.ok(handler.includes(key), key);
    for (const key of ['ticketNew', 'dispatchDesk', 'dashboard', 'bulletin', 'regions', 'grids', 'residents', 'households', 'buildings']) assert.ok(!handler.includes(key), key);
    assert.deepEqual(cards('department_handler'), ['tickets']);
  });

  it('keeps residents to the portal: no console menu but the home page', () => {
    assert.deepEqual(menu('resident'), ['home']);
    assert.deepEqual(cards('resident'), []);
  });

  it('keeps the three admin roles apart: each sees its own pages (and the region tree, to read names)', () => {
    assert.deepEqual(menu('auditor'), ['home', 'regions', 'audit']);
    assert.deepEqual(menu('security_admin'), ['home', 'regions', 'users']);
    assert.deepEqual(menu('system_admin'), ['home', 'regions', 'grids', 'ticketCategories', 'forms']);
    assert.deepEqual(cards('system_admin'), ['regions', 'grids', 'tickets']);
  });

  it('opens a card on the first of its pages the user may open', () => {
    const system = homeCards(ROLE_PERMISSIONS.system_admin).find((card) => card.key === 'tickets');
    assert.equal(system?.path, '/tickets/categories');
    const operator = homeCards(ROLE_PERMISSIONS.operator).find((card) => card.key === 'tickets');
    assert.equal(operator?.path, '/tickets/queue');
    assert.deepEqual(cards('operator'), ['dashboard', 'regions', 'grids', 'registers', 'tickets', 'users']);
  });

  it("describes a card by the pages the role may open when it opens only some of them (a handler has no dispatch desk or bulletin)", () => {
    const handler = homeCards(ROLE_PERMISSIONS.department_handler).find((card) => card.key === 'tickets');
    assert.ok(handler?.pageLabels);
    assert.equal(handler.description, undefined);
    for (const label of handler.pageLabels) assert.ok(PAGE_ROUTES.some((route) => route.label === label && canOpen(route, ROLE_PERMISSIONS.department_handler)));
    const desk = findRoute('/tickets/dispatch');
    assert.ok(desk && !handler.pageLabels.includes(desk.label));
  });

  it('finds pages by path and says who may open them', () => {
    const desk = findRoute('/tickets/dispatch');
    assert.ok(desk);
    assert.equal(canOpen(desk, ROLE_PERMISSIONS.operator), true);
    assert.equal(canOpen(desk, ROLE_PERMISSIONS.grid_worker), false);
    assert.equal(findRoute('/nowhere'), undefined);
    assert.equal(pathWithQuery('/registers/residents', { id: 'r 1', view: undefined }), '/registers/residents?id=r+1');
  });
});

describe('every role of the demo: its menu and home cards, exactly', () => {
  // What each role's session holds decides; a page or card is shown when its needs are met.
  const expected: Record<Role, { menu: string[]; cards: string[] }> = {
    system_admin: { menu: ['home', 'regions', 'grids', 'ticketCategories', 'forms'], cards: ['regions', 'grids', 'tickets'] },
    security_admin: { menu: ['home', 'regions', 'users'], cards: ['regions', 'users'] },
    auditor: { menu: ['home', 'regions', 'audit'], cards: ['regions', 'audit'] },
    operator: {
      menu: [
        'home', 'dashboard', 'regions', 'grids', 'residents', 'households', 'buildings', 'dwellings', 'venues', 'facilities', 'organizations', 'imports', 'exports',
        'exportApprovals', 'ticketQueue', 'ticketsAll', 'dispatchDesk', 'ticketsOverdue', 'ticketsSupervised', 'summonses', 'bulletin', 'ticketNew', 'announcements', 'declarations', 'arrivals', 'tracing', 'contacts', 'healthCodes', 'quarantine', 'quarantineToday', 'supplies', 'supplyRequests', 'emergency', 'emergencyDispatches', 'logistics', 'driver', 'trafficControl', 'broadcasts', 'callouts', 'calloutTasks', 'devices', 'alarms', 'watchlist',
        'rebuttals', 'healthFacilities', 'consultations', 'reservations', 'campaigns', 'enterpriseApplications', 'enterpriseHealth', 'enterpriseStopped', 'enterpriseScreening',
        'keypersons', 'keypersonVisits', 'keypersonCategories', 'keypersonApprovals', 'disputes', 'warnings', 'warningRules', 'noPetitionVillages', 'users',
      ],
      cards: ['dashboard', 'regions', 'grids', 'registers', 'tickets', 'users'],
    },
    department_handler: { menu: ['home', 'ticketQueue', 'ticketsAll', 'ticketsOverdue', 'ticketsSupervised', 'summonses', 'announcements', 'disputes', 'warnings'], cards: ['tickets'] },
    grid_worker: {
      menu: [
        'home', 'dashboard', 'regions', 'grids', 'residents', 'households', 'buildings', 'dwellings', 'venues', 'facilities', 'organizations',
        'ticketQueue', 'ticketsAll', 'ticketsOverdue', 'ticketsSupervised', 'summonses', 'ticketNew', 'announcements', 'declarations', 'arrivals', 'contacts', 'healthCodes', 'quarantine', 'quarantineToday', 'supplyRequests', 'emergencyDispatches', 'logistics', 'driver', 'calloutTasks', 'devices', 'alarms', 'reservations', 'campaigns', 'surveyTasks',
        'enterpriseApplications', 'enterpriseHealth', 'enterpriseStopped', 'enterpriseScreening', 'keypersons', 'keypersonVisits', 'keypersonApprovals', 'disputes', 'warnings', 'noPetitionVillages',
      ],
      cards: ['dashboard', 'regions', 'grids', 'registers', 'tickets'],
    },
    resident: { menu: ['home'], cards: [] },
  };
  for (const role of Object.keys(expected) as Role[]) {
    it(`${role}`, () => {
      assert.deepEqual(menu(role), expected[role].menu);
      assert.deepEqual(cards(role), expected[role].cards);
    });
  }

  it('puts each to-do count on the menu entry of the list that holds it, for the entries shown', () => {
    const counts = menuCounts(allowedRoutes(ROLE_PERMISSIONS.department_handler), { ticketQueue: 3, ticketsOverdue: 1, summonses: 2, notifications: 5 });
    assert.deepEqual([...counts], [['ticketQueue', 3], ['ticketsOverdue', 1], ['summonses', 2]]);
    assert.deepEqual([...menuCounts(allowedRoutes(ROLE_PERMISSIONS.resident), { notifications: 1 })], []);
    assert.deepEqual([...menuCounts(allowedRoutes(ROLE_PERMISSIONS.grid_worker), undefined)], []);
  });
});

describe('links to what a notification is about', () => {
  it('opens the record on the first page that opens its kind, for those who may open it', () => {
    assert.equal(subjectLink('announcement', 'a1', ROLE_PERMISSIONS.operator), '/announcements?id=a1');
    assert.equal(subjectLink('announcement', 'a1', ROLE_PERMISSIONS.auditor), null);
    assert.equal(subjectLink('no-such-kind', 'a1', ROLE_PERMISSIONS.operator), null);
  });
});

