/** Devices: list, map layer, one, register, change, disable, issue or rotate the MQTT secret. */
import { coverage, coverageQuery, device, deviceIdParams, deviceLayer as deviceLayerSchema, deviceListQuery, deviceRequest, deviceSecret, deviceUpdateRequest, deviceVersionRequest, page } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { issueDeviceSecret } from './credentials.js';
import { cameraCoverage } from './coverage.js';
import { createDevice, deviceLayer, disableDevice, listDevices, readDevice, updateDevice } from './devices.js';

export function deviceRoutes(app: App, kit: Kit): void {
  const tags = ['devices'];
  app.get('/api/devices', {
    config: { access: 'device:read' },
    schema: { tags, summary: 'Devices in scope, by kind, status, grid or text (paged; audited)', querystring: deviceListQuery, response: { 200: page(device) } },
    handler: (req) => listDevices(kit, actorCtx(req), req.query),
  });
  app.get('/api/devices/layer', {
    config: { access: 'device:read' },
    schema: { tags, summary: 'Devices in scope as GeoJSON points by status, with counts by status (audited)', querystring: deviceListQuery.pick({ kind: true, gridId: true }), response: { 200: deviceLayerSchema } },
    handler: (req) => deviceLayer(kit, actorCtx(req), req.query),
  });
  app.get('/api/devices/coverage', {
    config: { access: 'device:read' },
    schema: {
      tags,
      summary: 'Video coverage and blind spots: the fields of view of the cameras in scope as sectors, the streets with their covered share, per grid the road metres covered, worst first (audited)',
      querystring: coverageQuery,
      response: { 200: coverage },
    },
    handler: (req) => cameraCoverage(kit, actorCtx(req), req.query),
  });
  app.get('/api/devices/:id', {
    config: { access: 'device:read', record: 'device' },
    schema: { tags, summary: 'One device (audited)', params: deviceIdParams, response: { 200: device } },
    handler: (req) => readDevice(kit, actorCtx(req), req.params.id),
  });
  app.post('/api/devices', {
    config: { access: 'device:manage' },
    schema: { tags, summary: 'Register a device in scope (video devices by their 20-digit national ID)', body: deviceRequest, response: { 201: device } },
    handler: async (req, reply) => reply.status(201).send(await createDevice(kit, actorCtx(req), req.body)),
  });
  app.put('/api/devices/:id', {
    config: { access: 'device:manage', record: 'device' },
    schema: { tags, summary: 'Change a device (version checked)', params: deviceIdParams, body: deviceUpdateRequest, response: { 200: device } },
    handler: (req) => updateDevice(kit, actorCtx(req), req.params.id, req.body),
  });
  app.post('/api/devices/:id/disable', {
    config: { access: 'device:manage', record: 'device' },
    schema: { tags, summary: 'Disable a device: never online again, its secret revoked (version checked)', params: deviceIdParams, body: deviceVersionRequest, response: { 200: device } },
    handler: (req) => disableDevice(kit, actorCtx(req), req.params.id, req.body.version),
  });
  app.post('/api/devices/:id/credentials', {
    config: { access: 'device:manage', record: 'device' },
    schema: { tags, summary: 'Issue or rotate the secret of an MQTT device: shown in this answer only (audited)', params: deviceIdParams, response: { 201: deviceSecret } },
    handler: async (req, reply) => reply.status(201).send(await issueDeviceSecret(kit, actorCtx(req), req.params.id)),
  });
}
