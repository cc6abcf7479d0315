/**
 * Reservation routes: drives (list, read, draft, steps), their reservations and pickups for
 * staff; the open drives of a place, reserving and looking a reservation up for residents on the
 * portal (no account: limited per address, one reservation per ID number per drive).
 */
import { z } from 'zod';
import {
  page, pickupInput, publicSupplyDrive, publicSupplyDriveQuery, reservation, reservationListQuery, reservationLookup, reservationReceipt, reservationRequest,
  supplyDrive, supplyDriveInput, supplyDriveListQuery, SUPPLY_DRIVE_ACTION_INPUTS, SUPPLY_DRIVE_ACTIONS, uuid,
} from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { RateLimiter } from '../../platform/http/rate-limit.js';
import { createDrive } from './create-drive.js';
import { transitionDrive } from './transition-drive.js';
import { confirmPickup } from './confirm-pickup.js';
import { getDrive, listDrives, listReservations, lookupReservation, publicDrives } from './queries.js';
import { ReservationWriter } from './reserve-supplies.js';

const READ = ['reservation:manage', 'reservation:pickup'] as const;
const idParams = z.strictObject({ id: uuid });

export function reservationRoutes(app: App, kit: Kit): void {
  const { db } = kit;
  const tags = ['reservations'];
  app.get('/api/supply-drives', {
    config: { access: READ },
    schema: { tags, summary: 'Reservation drives: a manager\'s subtree, or those with a pickup point in scope', querystring: supplyDriveListQuery, response: { 200: page(supplyDrive) } },
    handler: (req) => listDrives(db, actorCtx(req).actor, req.query, req.ctx.clock.now()),
  });
  app.get('/api/supply-drives/:id', {
    config: { access: READ, record: 'supply_drive' },
    schema: { tags, params: idParams, response: { 200: supplyDrive } },
    handler: (req) => getDrive(db, actorCtx(req).actor, req.params.id, req.ctx.clock.now()),
  });
  app.post('/api/supply-drives', {
    config: { access: 'reservation:manage' },
    schema: { tags, body: supplyDriveInput, response: { 201: supplyDrive } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const id = await createDrive(db, ctx, req.body);
      return reply.status(201).send(await getDrive(db, ctx.actor, id, ctx.clock.now()));
    },
  });
  for (const action of SUPPLY_DRIVE_ACTIONS) {
    app.post(`/api/supply-drives/:id/${action}`, {
      config: { access: 'reservation:manage', record: 'supply_drive' },
      schema: { tags, params: idParams, body: SUPPLY_DRIVE_ACTION_INPUTS[action], response: { 200: supplyDrive } },
      handler: async (req) => {
        const ctx = actorCtx(req);
        await transitionDrive(kit, ctx, req.params.id, action, req.body);
        return getDrive(db, ctx.actor, req.params.id, ctx.clock.now());
      },
    });
  }
  app.get('/api/supply-drives/:id/reservations', {
    config: { access: READ, record: 'supply_drive' },
    schema: { tags, summary: 'The drive\'s reservations at the points the caller may see (masked, no pickup codes)', params: idParams, querystring: reservationListQuery, response: { 200: page(reservation) } },
    handler: (req) => listReservations(db, actorCtx(req).actor, req.params.id, req.query),
  });
  app.post('/api/supply-drives/:id/pickups', {
    config: { access: READ, record: 'supply_drive' },
    schema: { tags, summary: 'Confirm a pickup by its code at one of the caller\'s points', params: idParams, body: pickupInput, response: { 200: reservation } },
    handler: (req) => confirmPickup(db, actorCtx(req), req.params.id, req.body.code),
  });

  const perAddress = kit.config.reservationsPerIp > 0 ? new RateLimiter(kit.config.reservationsPerIp, 10 * 60_000, kit.clock) : null;
  const writer = new ReservationWriter(db, kit.vault);
  app.get('/api/public/supply-drives', {
    config: { access: 'public' },
    schema: { tags, summary: 'The open reservation drives at a place, with what is left at each pickup point', querystring: publicSupplyDriveQuery, response: { 200: z.object({ items: z.array(publicSupplyDrive) }) } },
    handler: async (req) => ({ items: await publicDrives(db, req.query.region, req.ctx.clock.now()) }),
  });
  app.post('/api/public/reservations', {
    config: { access: 'public' },
    schema: { tags, summary: 'Reserve (one per ID number per drive; limited per address); the pickup code is answered and sent by SMS', body: reservationRequest, response: { 201: reservationReceipt } },
    handler: async (req, reply) => {
      perAddress?.hit(req.ip);
      return reply.status(201).send(await writer.reserve(req.ctx, req.body));
    },
  });
  app.post('/api/public/reservations/lookup', {
    config: { access: 'public' },
    schema: { tags, summary: 'Find one\'s reservation again by ID number and phone (both must match; limited per address)', body: reservationLookup, response: { 200: reservationReceipt } },
    handler: async (req) => {
      perAddress?.hit(req.ip);
      return lookupReservation(db, kit.vault, req.ctx, req.body);
    },
  });
}
