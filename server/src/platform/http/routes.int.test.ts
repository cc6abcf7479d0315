import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { PERMISSIONS, ROLE_PERMISSIONS, ADMIN_ROLES } from '@gridgov/contracts';
import { startTestEnv, type TestEnv } from '../../../test/harness.js';
import { GUARDED_PREFIXES, registeredRoutes, trackRoutes } from './access.js';

describe('route permissions', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv({ seed: false });
  });
  after(() => env.close());

  it('every API route declares its permission', () => {
    const apiRoutes = registeredRoutes(env.rt.app).filter((r) => GUARDED_PREFIXES.some((p) => r.url.startsWith(p)));
    assert.ok(apiRoutes.length >= 20, `found ${apiRoutes.length} routes`);
    const allowed = new Set<string>(['public', 'authenticated', ...PERMISSIONS]);
    assert.deepEqual(apiRoutes.filter((r) => ![r.access ?? ''].flat().every((a) => allowed.has(a))), []);
    assert.deepEqual(
      [...new Set(apiRoutes.filter((r) => r.access === 'public' && r.url.startsWith('/api/')).map((r) => r.url))].sort(),
      // The anonymous portal: rate-limited per address (tickets/support-routes.ts), tracking limited per receipt
      // and address (tickets/public-tracking.ts); published public announcements; the deployment's time zone;
      // supplies reservation (open drives; reserving and looking up, one per ID number, limited per address);
      // self-declaration (the form, declaring and one's own history: limited per address and per person in the database).
      // public information (published rebuttals, facilities, answered questions; asking limited per address in the database).
      // traffic-control notices marked public; a telephony provider's call events (a shared secret, compared in constant time).
      [
        '/api/auth/enrolment/complete', '/api/auth/enrolment/inspect', '/api/auth/login', '/api/callouts/webhook', '/api/config/map', '/api/config/time', '/api/health',
        '/api/public/announcements', '/api/public/attachments', '/api/public/basemap', '/api/public/consultations',
        '/api/public/declarations', '/api/public/declarations/form', '/api/public/declarations/history', '/api/public/health-codes/verify/:token', '/api/public/health-facilities',
        '/api/public/places/search', '/api/public/rebuttals', '/api/public/reservations',
        '/api/public/reservations/lookup', '/api/public/supply-drives', '/api/public/tickets', '/api/public/tickets/:token',
        '/api/public/tickets/lookup', '/api/public/tickets/rate', '/api/public/tickets/reopen', '/api/public/traffic-controls',
      ],
      'only these answer without a session',
    );
    // Open311 clients have no session: those routes are public to the session check and check the api_key themselves.
    const open311 = apiRoutes.filter((r) => r.url.startsWith('/open311/'));
    assert.ok(open311.length >= 9, `found ${open311.length} Open311 routes`);
    assert.deepEqual(open311.filter((r) => r.access !== 'public'), []);
  });

  it('refuses to register a route without a permission', async () => {
    const app = Fastify();
    trackRoutes(app);
    assert.throws(() => app.get('/api/oops', async () => 'no'), /declares no permission/);
    assert.throws(() => app.get('/api/oops/:id', { config: { access: 'grid:read' } }, async () => 'no'), /declares no record kind/);
    await app.close();
  });

  it('keeps the three admin roles apart', () => {
    const [system, security, auditor] = ADMIN_ROLES.map((r) => new Set(ROLE_PERMISSIONS[r]));
    assert.ok(!system!.has('audit:read') && !security!.has('audit:read'), 'only the auditor reads the audit');
    assert.ok(!auditor!.has('user:write') && !auditor!.has('region:write') && !auditor!.has('grid:write'), 'the auditor changes nothing');
    assert.ok(!system!.has('user:write'), 'the system admin does not grant access');
    assert.ok(!security!.has('region:write') && !security!.has('grid:write'), 'the security admin does not run the system');
    for (const p of PERMISSIONS) assert.ok(Object.values(ROLE_PERMISSIONS).some((list) => list.includes(p)), `${p} is used`);
  });
});
