/** Logistics routes (docs/logistics.md): vehicles, drivers, shipments with their steps, tracking and returns. */
import {
  SHIPMENT_ACTIONS, SHIPMENT_ACTION_INPUTS, crewQuery, driver, driverRequest, driverUpdateRequest, idParams, page, returnRequest, shipmentCreateRequest, shipmentDetail, shipmentListQuery, shipmentSummary,
  trackRequest, vehicle, vehicleRequest, vehicleUpdateRequest,
} from '@gridgov/contracts';
import { z } from 'zod';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { createDriver, createVehicle, listDrivers, listVehicles, readDriver, readVehicle, updateDriver, updateVehicle } from './fleet.js';
import { createReturn, createShipment, listShipments, readShipment, trackShipment, transitionShipment } from './shipments.js';

export function logisticsRoutes(app: App, kit: Kit): void {
  const tags = ['logistics'];
  const base = '/api/logistics';
  const crewRead = ['logistics:read', 'logistics:dispatch'] as const;
  app.get(`${base}/vehicles`, {
    config: { access: [...crewRead] },
    schema: { tags, summary: 'Vehicles of the subtree', querystring: crewQuery, response: { 200: z.array(vehicle) } },
    handler: (req) => listVehicles(kit, actorCtx(req).actor, req.query),
  });
  app.post(`${base}/vehicles`, {
    config: { access: 'logistics:dispatch' },
    schema: { tags, summary: 'Register a vehicle (plate, kind, capacity, region, owning warehouse)', body: vehicleRequest, response: { 201: vehicle } },
    handler: async (req, reply) => reply.status(201).send(await createVehicle(kit, actorCtx(req), req.body)),
  });
  app.get(`${base}/vehicles/:id`, {
    config: { access: [...crewRead], record: 'vehicle' },
    schema: { tags, params: idParams, response: { 200: vehicle } },
    handler: (req) => readVehicle(kit, actorCtx(req).actor, req.params.id),
  });
  app.put(`${base}/vehicles/:id`, {
    config: { access: 'logistics:dispatch', record: 'vehicle' },
    schema: { tags, params: idParams, body: vehicleUpdateRequest, response: { 200: vehicle } },
    handler: (req) => updateVehicle(kit, actorCtx(req), req.params.id, req.body),
  });
  app.get(`${base}/drivers`, {
    config: { access: [...crewRead] },
    schema: { tags, summary: 'Drivers of the subtree (phones masked)', querystring: crewQuery, response: { 200: z.array(driver) } },
    handler: (req) => listDrivers(kit, actorCtx(req).actor, req.query),
  });
  app.post(`${base}/drivers`, {
    config: { access: 'logistics:dispatch' },
    schema: { tags, summary: 'Register a driver: the phone stored encrypted and masked; optionally linked to a staff account or a resident', body: driverRequest, response: { 201: driver } },
    handler: async (req, reply) => reply.status(201).send(await createDriver(kit, actorCtx(req), req.body)),
  });
  app.get(`${base}/drivers/:id`, {
    config: { access: [...crewRead], record: 'driver' },
    schema: { tags, params: idParams, response: { 200: driver } },
    handler: (req) => readDriver(kit, actorCtx(req).actor, req.params.id),
  });
  app.put(`${base}/drivers/:id`, {
    config: { access: 'logistics:dispatch', record: 'driver' },
    schema: { tags, params: idParams, body: driverUpdateRequest, response: { 200: driver } },
    handler: (req) => updateDriver(kit, actorCtx(req), req.params.id, req.body),
  });
  const shipmentRead = ['logistics:read', 'logistics:dispatch', 'logistics:drive', 'logistics:receive'] as const;
  app.get(`${base}/shipments`, {
    config: { access: [...shipmentRead] },
    schema: { tags, summary: 'Shipments from or to the scope (a driver: their own; a receiver: to their place), newest first', querystring: shipmentListQuery, response: { 200: page(shipmentSummary) } },
    handler: (req) => listShipments(kit, actorCtx(req), req.query),
  });
  app.post(`${base}/shipments`, {
    config: { access: 'logistics:dispatch' },
    schema: { tags, summary: 'Plan a shipment: an allocated request\'s unshipped allocations at one warehouse, or a transfer between warehouses', body: shipmentCreateRequest, response: { 201: shipmentDetail } },
    handler: async (req, reply) => reply.status(201).send(await createShipment(kit, actorCtx(req), req.body)),
  });
  app.get(`${base}/shipments/:id`, {
    config: { access: [...shipmentRead], record: 'shipment' },
    schema: { tags, summary: 'One shipment: lines with lots, received quantities and discrepancies, track, timeline, returns, the caller\'s actions', params: idParams, response: { 200: shipmentDetail } },
    handler: (req) => readShipment(kit, actorCtx(req), req.params.id),
  });
  for (const action of SHIPMENT_ACTIONS) {
    const phone = action === 'arrive';
    app.post(`${base}/shipments/:id/${action}`, {
      config: { access: action === 'arrive' ? ['logistics:dispatch', 'logistics:drive'] : action === 'receive' || action === 'close' ? ['logistics:dispatch', 'logistics:receive', 'supplies:manage'] : 'logistics:dispatch', record: 'shipment', ...(phone ? { idempotent: true } : {}) },
      schema: { tags, params: idParams, body: SHIPMENT_ACTION_INPUTS[action], response: { 200: shipmentDetail } },
      handler: (req) => transitionShipment(kit, actorCtx(req), req.params.id, action, req.body as never),
    });
  }
  app.post(`${base}/shipments/:id/track`, {
    config: { access: ['logistics:drive', 'logistics:dispatch'], record: 'shipment', idempotent: true },
    schema: { tags, summary: 'A tracking point (the driver\'s phone or the console; replayable)', params: idParams, body: trackRequest, response: { 200: shipmentDetail } },
    handler: (req) => trackShipment(kit, actorCtx(req), req.params.id, req.body),
  });
  app.post(`${base}/shipments/:id/return`, {
    config: { access: ['logistics:receive', 'logistics:dispatch'], record: 'shipment' },
    schema: { tags, summary: 'Send back (damaged or unused) part of a received request shipment to its warehouse: a return shipment', params: idParams, body: returnRequest, response: { 201: shipmentDetail } },
    handler: async (req, reply) => reply.status(201).send(await createReturn(kit, actorCtx(req), req.params.id, req.body)),
  });
}
