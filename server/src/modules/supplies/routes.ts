/** Supplies: the item catalogue, warehouses and their levels, stock, lots, moves, the stock card, counts, requests and the solver's input. */
import {
  SUPPLY_REQUEST_ACTIONS, SUPPLY_REQUEST_ACTION_INPUTS, adjustmentRequest, allocationInput as allocationInputSchema, allocationPlan as allocationPlanSchema, cardQuery, countCreateRequest, countLinesRequest, countQuery, countStepRequest,
  countSummary, idParams, issueRequest, levelRequest, localItemRequest, lotQuery, moveQuery, moveResult, page, receiptRequest, requestCreateRequest, requestEventOption, requestEventsQuery, requestListQuery, stockCard as stockCardSchema, stockCount,
  stockLot, stockMove, stockQuery, stockRow, supplyItem, supplyRequestDetail, supplyRequestSummary, transferRequest, warehouse, warehouseRequest, warehouseUpdateRequest,
} from '@gridgov/contracts';
import { z } from 'zod';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { addLocalItem, listItems } from './catalogue.js';
import { cancelCount, confirmCount, createCount, enterCounts, listCounts, readCount } from './counts.js';
import { listLots, listMoves, listStock, presentMoves, stockCard } from './queries.js';
import { createRequest, listRequests, readRequest, requestEvents, transitionRequest } from './requests.js';
import { allocationInput } from './solver-input.js';
import { proposeAllocation } from './plan.js';
import { adjust, issue, receive, transfer } from './stock.js';
import { applyReserveList, createWarehouse, listWarehouses, readWarehouse, setLevels, updateWarehouse } from './warehouses.js';

export function suppliesRoutes(app: App, kit: Kit): void {
  const tags = ['supplies'];
  const base = '/api/supplies';
  app.get(`${base}/items`, {
    config: { access: ['supplies:read', 'supplies:request'] },
    schema: { tags, summary: 'The GB/T 38565 catalogue: shipped nodes (standard or provisional) and the local items of one\'s subtree and above', response: { 200: z.array(supplyItem) } },
    handler: (req) => listItems(kit.db, actorCtx(req).actor),
  });
  app.post(`${base}/items`, {
    config: { access: 'supplies:manage' },
    schema: { tags, summary: 'Add a local item: a valid 7-digit code under an existing branch', body: localItemRequest, response: { 201: supplyItem } },
    handler: async (req, reply) => reply.status(201).send(await addLocalItem(kit.db, actorCtx(req), req.body)),
  });
  app.get(`${base}/warehouses`, {
    config: { access: 'supplies:read' },
    schema: { tags, summary: 'Warehouses in scope and above, with item, alert and expiring counts', response: { 200: z.array(warehouse) } },
    handler: (req) => listWarehouses(kit, actorCtx(req).actor, actorCtx(req).clock.now()),
  });
  app.post(`${base}/warehouses`, {
    config: { access: 'supplies:manage' },
    schema: { tags, summary: 'Add a warehouse in one\'s subtree', body: warehouseRequest, response: { 201: warehouse } },
    handler: async (req, reply) => reply.status(201).send(await createWarehouse(kit, actorCtx(req), req.body)),
  });
  app.get(`${base}/warehouses/:id`, {
    config: { access: 'supplies:read', record: 'warehouse' },
    schema: { tags, params: idParams, response: { 200: warehouse } },
    handler: (req) => readWarehouse(kit, actorCtx(req).actor, req.params.id, actorCtx(req).clock.now()),
  });
  app.put(`${base}/warehouses/:id`, {
    config: { access: 'supplies:manage', record: 'warehouse' },
    schema: { tags, params: idParams, body: warehouseUpdateRequest, response: { 200: warehouse } },
    handler: (req) => updateWarehouse(kit, actorCtx(req), req.params.id, req.body),
  });
  app.put(`${base}/warehouses/:id/levels`, {
    config: { access: 'supplies:manage', record: 'warehouse' },
    schema: { tags, summary: 'Set min, max and reserve per item (re-evaluates the alerts)', params: idParams, body: levelRequest, response: { 200: warehouse } },
    handler: (req) => setLevels(kit, actorCtx(req), req.params.id, req.body),
  });
  app.post(`${base}/warehouses/:id/reserve-list`, {
    config: { access: 'supplies:manage', record: 'warehouse' },
    schema: { tags, summary: 'Apply the default reserve list (quilts, tents, blankets, family kits, jackets, folding beds, masks)', params: idParams, body: z.strictObject({}).optional(), response: { 200: warehouse } },
    handler: (req) => applyReserveList(kit, actorCtx(req), req.params.id),
  });
  const moveRoute = <B extends z.ZodType>(path: string, summary: string, body: B, run: (id: string, body: z.infer<B>, req: Parameters<typeof actorCtx>[0]) => Promise<Parameters<typeof presentMoves>[1]>) =>
    app.post(`${base}/warehouses/:id/${path}`, {
      config: { access: 'supplies:manage', record: 'warehouse' },
      schema: { tags, summary, params: idParams, body, response: { 201: moveResult } },
      handler: async (req, reply) => reply.status(201).send({ moves: await presentMoves(kit, await run((req.params as { id: string }).id, req.body as z.infer<B>, req)) }),
    });
  moveRoute('receipts', 'Receive stock into a lot (number and expiry)', receiptRequest, (id, b, req) => receive(kit, actorCtx(req), id, b));
  moveRoute('issues', 'Issue stock (a named lot, or first expiring first); never below zero', issueRequest, (id, b, req) => issue(kit, actorCtx(req), id, b));
  moveRoute('adjustments', 'Adjust a lot with a reason (lost, found, damaged, expired, other)', adjustmentRequest, (id, b, req) => adjust(kit, actorCtx(req), id, b));
  moveRoute('transfers', 'Transfer to another warehouse: two linked moves per lot', transferRequest, (id, b, req) => transfer(kit, actorCtx(req), id, b));
  app.get(`${base}/warehouses/:id/card`, {
    config: { access: 'supplies:read', record: 'warehouse' },
    schema: { tags, summary: 'The stock card of an item: every move with the running balance', params: idParams, querystring: cardQuery, response: { 200: stockCardSchema } },
    handler: (req) => stockCard(kit, actorCtx(req).actor, req.params.id, req.query.itemCode ?? ''),
  });
  app.get(`${base}/stock`, {
    config: { access: 'supplies:read' },
    schema: { tags, summary: 'Stock by warehouse and item with min/max and alerts (all, low, high, alert)', querystring: stockQuery, response: { 200: page(stockRow) } },
    handler: (req) => listStock(kit, actorCtx(req).actor, req.query, actorCtx(req).clock.now()),
  });
  app.get(`${base}/lots`, {
    config: { access: 'supplies:read' },
    schema: { tags, summary: 'Lots with stock, first expiring first (expiring within N days)', querystring: lotQuery, response: { 200: page(stockLot) } },
    handler: (req) => listLots(kit, actorCtx(req).actor, req.query, actorCtx(req).clock.now()),
  });
  app.get(`${base}/moves`, {
    config: { access: 'supplies:read' },
    schema: { tags, summary: 'Stock moves, newest first', querystring: moveQuery, response: { 200: page(stockMove) } },
    handler: (req) => listMoves(kit, actorCtx(req).actor, req.query),
  });
  app.get(`${base}/counts`, {
    config: { access: 'supplies:read' },
    schema: { tags, querystring: countQuery, response: { 200: page(countSummary) } },
    handler: (req) => listCounts(kit, actorCtx(req).actor, req.query),
  });
  app.post(`${base}/warehouses/:id/counts`, {
    config: { access: 'supplies:manage', record: 'warehouse' },
    schema: { tags, summary: 'Open a count sheet of the warehouse\'s lots (book quantities now)', params: idParams, body: countCreateRequest, response: { 201: stockCount } },
    handler: async (req, reply) => reply.status(201).send(await createCount(kit, actorCtx(req), req.params.id, req.body)),
  });
  app.get(`${base}/counts/:id`, {
    config: { access: 'supplies:read', record: 'stock_count' },
    schema: { tags, params: idParams, response: { 200: stockCount } },
    handler: (req) => readCount(kit, actorCtx(req).actor, req.params.id),
  });
  app.put(`${base}/counts/:id/lines`, {
    config: { access: 'supplies:manage', record: 'stock_count' },
    schema: { tags, summary: 'Enter counted quantities', params: idParams, body: countLinesRequest, response: { 200: stockCount } },
    handler: (req) => enterCounts(kit, actorCtx(req), req.params.id, req.body),
  });
  app.post(`${base}/counts/:id/confirm`, {
    config: { access: 'supplies:manage', record: 'stock_count' },
    schema: { tags, summary: 'Confirm: post each difference as an adjustment (reason count)', params: idParams, body: countStepRequest, response: { 200: stockCount } },
    handler: (req) => confirmCount(kit, actorCtx(req), req.params.id, req.body.version),
  });
  app.post(`${base}/counts/:id/cancel`, {
    config: { access: 'supplies:manage', record: 'stock_count' },
    schema: { tags, params: idParams, body: countStepRequest, response: { 200: stockCount } },
    handler: (req) => cancelCount(kit, actorCtx(req), req.params.id, req.body.version),
  });
  app.get(`${base}/requests`, {
    config: { access: ['supplies:read', 'supplies:approve', 'supplies:request'] },
    schema: { tags, summary: 'Requests in scope, most urgent first', querystring: requestListQuery, response: { 200: page(supplyRequestSummary) } },
    handler: (req) => listRequests(kit, actorCtx(req), req.query),
  });
  app.get(`${base}/requests/events`, {
    config: { access: ['supplies:approve', 'supplies:request'] },
    schema: { tags, summary: 'The open emergency events a request of a place in the caller\'s subtree may be for (its region or one above)', querystring: requestEventsQuery, response: { 200: z.array(requestEventOption) } },
    handler: (req) => requestEvents(kit, actorCtx(req), req.query.regionCode),
  });
  app.post(`${base}/requests`, {
    config: { access: 'supplies:request' },
    schema: { tags, summary: 'Draft a request for one\'s region (a grid worker: their grid)', body: requestCreateRequest, response: { 201: supplyRequestDetail } },
    handler: async (req, reply) => reply.status(201).send(await createRequest(kit, actorCtx(req), req.body)),
  });
  app.get(`${base}/requests/:id`, {
    config: { access: ['supplies:read', 'supplies:approve', 'supplies:request'], record: 'supply_request' },
    schema: { tags, params: idParams, response: { 200: supplyRequestDetail } },
    handler: (req) => readRequest(kit, actorCtx(req), req.params.id),
  });
  for (const action of SUPPLY_REQUEST_ACTIONS) {
    app.post(`${base}/requests/:id/${action}`, {
      config: { access: ['supplies:request', 'supplies:approve'], record: 'supply_request' },
      schema: { tags, params: idParams, body: SUPPLY_REQUEST_ACTION_INPUTS[action], response: { 200: supplyRequestDetail } },
      handler: (req) => transitionRequest(kit, actorCtx(req), req.params.id, action, req.body as never),
    });
  }
  app.get(`${base}/allocation-input`, {
    config: { access: 'supplies:approve' },
    schema: { tags, summary: 'The allocation solver\'s input: approved lines, stock by lot, reserves, committed quantities', response: { 200: allocationInputSchema } },
    handler: (req) => allocationInput(kit.db, actorCtx(req).actor),
  });
  app.post(`${base}/allocation-plan`, {
    config: { access: 'supplies:approve' },
    schema: { tags, summary: '精准投放: a proposed allocation of the approved requests in scope by the solver (least priority-weighted unmet demand, then distance; stock, reserves, commitments and expiry respected), with the greedy baseline\'s objective; nothing stored (confirm with each request\'s allocate step)', body: z.strictObject({}).optional(), response: { 200: allocationPlanSchema } },
    handler: (req) => proposeAllocation(kit, actorCtx(req).actor),
  });
}
