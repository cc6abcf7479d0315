/** HTTP routes of the registers: the same set for every register, plus links and map counts. */
import { z } from 'zod';
import {
  addEmployeeRequest, addMemberRequest, building, buildingInput, buildingUpdate, dwelling, dwellingInput, dwellingUpdate, facility, facilityInput,
  facilityUpdate, gridCounts, historyEntry, household, householdInput, householdUpdate, organization, organizationInput, organizationUpdate, page,
  registerListQuery, registerPoints, registerPointsQuery, REGISTER_PATHS, resident, residentInput, residentUpdate, unmaskRequest, unmaskResponse, uuid,
  venue, venueInput, venueUpdate, divisionCode, identityRequest, ownIdentity,
} from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { RegisterDeps } from './deps.js';
import type { Kit } from '../../platform/kit/kit.js';
import { SharedRateLimiter } from '../../platform/http/rate-limit.js';
import { readOwnIdentity, verifyOwnIdentity } from './account-identity.js';
import {
  createRecord, deleteRecord, getRecord, listRecords, recordHistory, recordPoints, unmaskRecord, updateRecord, type BaseRow, type RegisterSpec,
} from './engine.js';
import { residentGridCounts, residentSpec } from './residents.js';
import { householdSpec } from './households.js';
import { buildingSpec } from './buildings.js';
import { dwellingSpec } from './dwellings.js';
import { venueSpec } from './venues.js';
import { facilitySpec } from './facilities.js';
import { organizationSpec } from './organizations.js';
import { addHouseholdMember, addOrganizationEmployee, removeHouseholdMember, removeOrganizationEmployee } from './links.js';

const idParams = z.strictObject({ id: uuid });
const linkParams = z.strictObject({ id: uuid, residentId: uuid });

interface Schemas {
  input: z.ZodType<Record<string, unknown>>;
  update: z.ZodType<{ version: number } & Record<string, unknown>>;
  out: z.ZodType;
}

function crudRoutes<Row extends BaseRow, Out>(app: App, deps: RegisterDeps, spec: RegisterSpec<Row, Out>, s: Schemas): void {
  const base = `/api/${REGISTER_PATHS[spec.kind]}`;
  const tags = ['registers'];
  app.get(base, {
    config: { access: spec.access.read },
    schema: { tags, querystring: registerListQuery, response: { 200: page(s.out) } },
    handler: (req) => listRecords(deps, spec, actorCtx(req), req.query),
  });
  if (spec.point) {
    app.get(`${base}/points`, {
      config: { access: spec.access.read },
      schema: { tags, summary: 'Map points of the records in scope', querystring: registerPointsQuery, response: { 200: registerPoints } },
      handler: (req) => recordPoints(deps, spec, actorCtx(req).actor, req.query),
    });
  }
  app.get(`${base}/:id`, {
    config: { access: spec.access.read, record: spec.kind },
    schema: { tags, params: idParams, response: { 200: s.out } },
    handler: (req) => getRecord(deps, spec, actorCtx(req), req.params.id),
  });
  app.get(`${base}/:id/history`, {
    config: { access: spec.access.read, record: spec.kind },
    schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(historyEntry) }) } },
    handler: async (req) => ({ items: await recordHistory(deps, spec, actorCtx(req), req.params.id) }),
  });
  app.post(base, {
    config: { access: spec.access.write },
    schema: { tags, body: s.input, response: { 201: s.out } },
    handler: async (req, reply) => reply.status(201).send(await createRecord(deps, spec, actorCtx(req), req.body as Record<string, unknown>)),
  });
  app.patch(`${base}/:id`, {
    config: { access: spec.access.write, record: spec.kind },
    schema: { tags, params: idParams, body: s.update, response: { 200: s.out } },
    handler: (req) => updateRecord(deps, spec, actorCtx(req), req.params.id, req.body as { version: number } & Record<string, unknown>),
  });
  app.delete(`${base}/:id`, {
    config: { access: spec.access.write, record: spec.kind },
    schema: { tags, params: idParams },
    handler: async (req, reply) => {
      await deleteRecord(deps, spec, actorCtx(req), req.params.id);
      return reply.status(204).send();
    },
  });
  if (Object.keys(spec.unmaskable).length > 0) {
    app.post(`${base}/:id/unmask`, {
      config: { access: spec.access.unmask, record: spec.kind },
      schema: { tags, summary: 'Full personal data, with a reason (audited, rate-limited)', params: idParams, body: unmaskRequest, response: { 200: unmaskResponse } },
      handler: (req) => unmaskRecord(deps, spec, actorCtx(req), req.params.id, req.body),
    });
  }
}

/** Identity tries one account may make in an hour; tries on one registered resident's document in a day, from any account. */
const IDENTITY_TRIES_PER_ACCOUNT = 5;
const IDENTITY_TRIES_PER_DOCUMENT = 5;

function identityRoutes(app: App, kit: Kit): void {
  const tags = ['registers'];
  const perAccount = new SharedRateLimiter(kit.db, 'identity.account', IDENTITY_TRIES_PER_ACCOUNT, 60 * 60_000, kit.clock);
  const perDocument = new SharedRateLimiter(kit.db, 'identity.document', IDENTITY_TRIES_PER_DOCUMENT, 24 * 60 * 60_000, kit.clock);
  app.get('/api/me/identity', {
    config: { access: 'identity:self' },
    schema: { tags, summary: 'The account\'s real name (masked), if verified', response: { 200: ownIdentity } },
    handler: (req) => readOwnIdentity(kit.db, actorCtx(req).actor.id),
  });
  app.put('/api/me/identity', {
    config: { access: 'identity:self' },
    schema: { tags, summary: 'Verify the account\'s real name (实名认证) with a name and document number; limited per account and per document; audited', body: identityRequest, response: { 200: ownIdentity } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      await perAccount.hit(ctx.actor.id);
      return verifyOwnIdentity(kit, ctx, req.body, (hash) => perDocument.hit(hash));
    },
  });
}

export function registerRoutes(app: App, deps: Kit): void {
  identityRoutes(app, deps);
  crudRoutes(app, deps, residentSpec, { input: residentInput, update: residentUpdate, out: resident });
  crudRoutes(app, deps, householdSpec, { input: householdInput, update: householdUpdate, out: household });
  crudRoutes(app, deps, buildingSpec, { input: buildingInput, update: buildingUpdate, out: building });
  crudRoutes(app, deps, dwellingSpec, { input: dwellingInput, update: dwellingUpdate, out: dwelling });
  crudRoutes(app, deps, venueSpec, { input: venueInput, update: venueUpdate, out: venue });
  crudRoutes(app, deps, facilitySpec, { input: facilityInput, update: facilityUpdate, out: facility });
  crudRoutes(app, deps, organizationSpec, { input: organizationInput, update: organizationUpdate, out: organization });

  const tags = ['registers'];
  app.post('/api/households/:id/members', {
    config: { access: householdSpec.access.write, record: 'household' },
    schema: { tags, params: idParams, body: addMemberRequest, response: { 200: household } },
    handler: (req) => addHouseholdMember(deps, actorCtx(req), req.params.id, req.body),
  });
  app.delete('/api/households/:id/members/:residentId', {
    config: { access: householdSpec.access.write, record: 'household' },
    schema: { tags, params: linkParams, response: { 200: household } },
    handler: (req) => removeHouseholdMember(deps, actorCtx(req), req.params.id, req.params.residentId),
  });
  app.post('/api/organizations/:id/employees', {
    config: { access: organizationSpec.access.write, record: 'organization' },
    schema: { tags, params: idParams, body: addEmployeeRequest, response: { 200: organization } },
    handler: (req) => addOrganizationEmployee(deps, actorCtx(req), req.params.id, req.body),
  });
  app.delete('/api/organizations/:id/employees/:residentId', {
    config: { access: organizationSpec.access.write, record: 'organization' },
    schema: { tags, params: linkParams, response: { 200: organization } },
    handler: (req) => removeOrganizationEmployee(deps, actorCtx(req), req.params.id, req.params.residentId),
  });
  app.get('/api/residents/grid-counts', {
    config: { access: residentSpec.access.read },
    schema: { tags, summary: 'Residents per grid, for the map', querystring: z.strictObject({ region: divisionCode.optional() }), response: { 200: gridCounts } },
    handler: async (req) => ({ items: await residentGridCounts(deps, actorCtx(req).actor, req.query.region) }),
  });
}
