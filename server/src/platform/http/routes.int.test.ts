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
      // The anonymous portal: rate-limited per address (tickets/support-routes.ts); published public announcements.
      [
        '/api/auth/enrolment/complete', '/api/auth/enrolment/inspect', '/api/auth/login', '/api/config/map', '/api/health',
        '/api/public/announcements', '/api/public/attachments', '/api/public/tickets', '/api/public/tickets/:token',
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
