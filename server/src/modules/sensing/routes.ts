/** Device alarms (list, map layer), a device's recent messages, and commands to a device with their state. */
import { z } from 'zod';
import { alarmLayer as alarmLayerSchema, alarmListQuery, commandRequest, deviceAlarm, deviceCommand, deviceIdParams, deviceMessage, deviceMessagesQuery, page } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { listCommands, sendCommand } from './commands.js';
import { alarmLayer, alarmsByGrid, deviceMessages, listAlarms } from './queries.js';

export function sensingRoutes(app: App, kit: Kit): void {
  const tags = ['sensing'];
  app.get('/api/device-alarms', {
    config: { access: 'device_alarm:read' },
    schema: { tags, summary: 'Device alarms in scope (fever, SOS, smoke, water, watch-list) with the ticket or warning each became (paged; audited)', querystring: alarmListQuery, response: { 200: page(deviceAlarm) } },
    handler: (req) => listAlarms(kit, actorCtx(req), req.query),
  });
  app.get('/api/device-alarms/layer', {
    config: { access: 'device_alarm:read' },
    schema: { tags, summary: 'Device alarms in scope as GeoJSON points (the last 24 hours, or since a day)', querystring: alarmListQuery.pick({ type: true, gridId: true, since: true }), response: { 200: alarmLayerSchema } },
    handler: (req) => alarmLayer(kit, actorCtx(req), req.query),
  });
  app.get('/api/device-alarms/map', {
    config: { access: 'device_alarm:read' },
    schema: { tags, summary: 'Device alarms of the last 24 hours per grid of the scope (the map layer)', response: { 200: z.object({ items: z.array(z.object({ gridId: z.string(), alarms: z.number().int(), urgent: z.number().int() })) }) } },
    handler: (req) => alarmsByGrid(kit, actorCtx(req)),
  });
  app.get('/api/devices/:id/messages', {
    config: { access: 'device:read', record: 'device' },
    schema: { tags, summary: 'A device\'s latest messages: status, events, command confirmations (audited; whom a gate recognised is left out)', params: deviceIdParams, querystring: deviceMessagesQuery, response: { 200: z.array(deviceMessage) } },
    handler: (req) => deviceMessages(kit, actorCtx(req), req.params.id, req.query.limit),
  });
  app.get('/api/devices/:id/commands', {
    config: { access: 'device:read', record: 'device' },
    schema: { tags, summary: 'The latest commands sent to a device, with their state', params: deviceIdParams, response: { 200: z.array(deviceCommand) } },
    handler: (req) => listCommands(kit, actorCtx(req), req.params.id),
  });
  app.post('/api/devices/:id/commands', {
    config: { access: 'device:command', record: 'device' },
    schema: { tags, summary: 'Send a command to a device of the subtree (loudspeaker, display, gate): through the outbox, confirmed by the device (audited)', params: deviceIdParams, body: commandRequest, response: { 201: deviceCommand } },
    handler: async (req, reply) => reply.status(201).send(await sendCommand(kit, actorCtx(req), req.params.id, req.body)),
  });
}
