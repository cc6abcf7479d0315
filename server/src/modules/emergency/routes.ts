/** Emergency command: the type code list, events (report, list, one, steps, tasks, dispatches), dispatch steps, plans, teams (members, rosters, positions). */
import {
  DISPATCH_ACTIONS, DISPATCH_ACTION_INPUTS, EMERGENCY_TYPES, EVENT_ACTIONS, EVENT_ACTION_INPUTS, dispatchRequest, dispatchSummary, emergencyEventDetail, emergencyEventSummary, emergencyIdParams,
  emergencyPlan, emergencyTeam, emergencyTeamDetail, eventCreateRequest, eventListQuery, memberIdParams, memberRequest, page, planRequest, planUpdateRequest, positionRequest, rosterRequest,
  taskCreateRequest, teamRequest, teamUpdateRequest,
} from '@gridgov/contracts';
import { z } from 'zod';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { activeDispatches, createDispatch, transitionDispatch } from './dispatches.js';
import { addTask, listEvents, readEvent, reportEvent, transitionEvent } from './events.js';
import { createPlan, deletePlan, listPlans, updatePlan } from './plans.js';
import { addMember, addShift, createTeam, listTeams, readTeam, removeMember, reportPosition, updateTeam } from './teams.js';

const typeList = z.array(z.object({ code: z.string(), zh: z.string(), en: z.string(), subTypes: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })) }));

export function emergencyRoutes(app: App, kit: Kit): void {
  const tags = ['emergency'];
  app.get('/api/emergency/types', {
    config: { access: ['emergency:read', 'emergency:field'] },
    schema: { tags, summary: 'The event types and sub-types (code list)', response: { 200: typeList } },
    handler: async () => EMERGENCY_TYPES.map((t) => ({ ...t, subTypes: [...t.subTypes] })),
  });
  app.get('/api/emergency/events', {
    config: { access: 'emergency:read' },
    schema: { tags, summary: 'Emergency events in scope (audited with the filters)', querystring: eventListQuery, response: { 200: page(emergencyEventSummary) } },
    handler: (req) => listEvents(kit, actorCtx(req), req.query),
  });
  app.post('/api/emergency/events', {
    config: { access: 'emergency:command' },
    schema: { tags, summary: 'Report an event in scope (type, level, place, area)', body: eventCreateRequest, response: { 201: emergencyEventDetail } },
    handler: async (req, reply) => reply.status(201).send(await reportEvent(kit, actorCtx(req), req.body)),
  });
  app.get('/api/emergency/events/:id', {
    config: { access: 'emergency:read', record: 'emergency_event' },
    schema: { tags, summary: 'One event: timeline, tasks, dispatches, command posts, team positions (audited)', params: emergencyIdParams, response: { 200: emergencyEventDetail } },
    handler: (req) => readEvent(kit, actorCtx(req), req.params.id),
  });
  for (const action of EVENT_ACTIONS) {
    app.post(`/api/emergency/events/:id/${action}`, {
      config: { access: 'emergency:command', record: 'emergency_event' },
      schema: { tags, summary: `Event step: ${action}${action === 'activate' || action === 'scale' ? ' (applies the plan for the level once)' : ''}`, params: emergencyIdParams, body: EVENT_ACTION_INPUTS[action], response: { 200: emergencyEventDetail } },
      handler: (req) => transitionEvent(kit, actorCtx(req), req.params.id, action, req.body as never),
    });
  }
  app.post('/api/emergency/events/:id/tasks', {
    config: { access: 'emergency:command', record: 'emergency_event' },
    schema: { tags, summary: 'Add a task to an open event', params: emergencyIdParams, body: taskCreateRequest, response: { 200: emergencyEventDetail } },
    handler: (req) => addTask(kit, actorCtx(req), req.params.id, req.body),
  });
  app.post('/api/emergency/events/:id/dispatches', {
    config: { access: 'emergency:command', record: 'emergency_event' },
    schema: { tags, summary: 'Dispatch a team to a task of the event', params: emergencyIdParams, body: dispatchRequest, response: { 200: emergencyEventDetail } },
    handler: (req) => createDispatch(kit, actorCtx(req), req.params.id, req.body),
  });
  app.get('/api/emergency/dispatches', {
    config: { access: ['emergency:read', 'emergency:field'] },
    schema: { tags, summary: 'Dispatches under way that the caller sees (a member: their team\'s)', response: { 200: z.array(dispatchSummary) } },
    handler: (req) => activeDispatches(kit, actorCtx(req)),
  });
  for (const action of DISPATCH_ACTIONS) {
    app.post(`/api/emergency/dispatches/:id/${action}`, {
      config: action === 'cancel' ? { access: 'emergency:command', record: 'emergency_dispatch' } : { access: ['emergency:command', 'emergency:field'], record: 'emergency_dispatch', idempotent: true },
      schema: { tags, summary: `Dispatch step: ${action}`, params: emergencyIdParams, body: DISPATCH_ACTION_INPUTS[action], response: { 200: dispatchSummary } },
      handler: (req) => transitionDispatch(kit, actorCtx(req), req.params.id, action, req.body as never),
    });
  }
  app.get('/api/emergency/plans', {
    config: { access: ['emergency:read', 'emergency:plan'] },
    schema: { tags, summary: 'Plans of the region subtree and above', response: { 200: z.array(emergencyPlan) } },
    handler: (req) => listPlans(kit, actorCtx(req)),
  });
  app.post('/api/emergency/plans', {
    config: { access: 'emergency:plan' },
    schema: { tags, summary: 'Add a plan for a type and level in scope', body: planRequest, response: { 201: emergencyPlan } },
    handler: async (req, reply) => reply.status(201).send(await createPlan(kit, actorCtx(req), req.body)),
  });
  app.put('/api/emergency/plans/:id', {
    config: { access: 'emergency:plan', record: 'emergency_plan' },
    schema: { tags, summary: 'Change a plan (version checked)', params: emergencyIdParams, body: planUpdateRequest, response: { 200: emergencyPlan } },
    handler: (req) => updatePlan(kit, actorCtx(req), req.params.id, req.body),
  });
  app.delete('/api/emergency/plans/:id', {
    config: { access: 'emergency:plan', record: 'emergency_plan' },
    schema: { tags, summary: 'Delete a plan (events activated under it keep what it made)', params: emergencyIdParams, response: { 200: z.object({ deleted: z.literal(true) }) } },
    handler: (req) => deletePlan(kit, actorCtx(req), req.params.id),
  });
  app.get('/api/emergency/teams', {
    config: { access: ['emergency:read', 'emergency:field'] },
    schema: { tags, summary: 'Rescue teams of the subtree and above (a member: their teams), with availability, on duty now, position', response: { 200: z.array(emergencyTeam) } },
    handler: (req) => listTeams(kit, actorCtx(req)),
  });
  app.post('/api/emergency/teams', {
    config: { access: 'emergency:team' },
    schema: { tags, summary: 'Add a rescue team in scope', body: teamRequest, response: { 201: emergencyTeamDetail } },
    handler: async (req, reply) => reply.status(201).send(await createTeam(kit, actorCtx(req), req.body)),
  });
  app.get('/api/emergency/teams/:id', {
    config: { access: ['emergency:read', 'emergency:field'], record: 'emergency_team' },
    schema: { tags, summary: 'One team with its members (residents masked) and duty roster', params: emergencyIdParams, response: { 200: emergencyTeamDetail } },
    handler: (req) => readTeam(kit, actorCtx(req), req.params.id),
  });
  app.put('/api/emergency/teams/:id', {
    config: { access: 'emergency:team', record: 'emergency_team' },
    schema: { tags, summary: 'Change a team (skills, equipment, availability)', params: emergencyIdParams, body: teamUpdateRequest, response: { 200: emergencyTeamDetail } },
    handler: (req) => updateTeam(kit, actorCtx(req), req.params.id, req.body),
  });
  app.post('/api/emergency/teams/:id/members', {
    config: { access: 'emergency:team', record: 'emergency_team' },
    schema: { tags, summary: 'Add a member: a resident or a staff account in scope', params: emergencyIdParams, body: memberRequest, response: { 200: emergencyTeamDetail } },
    handler: (req) => addMember(kit, actorCtx(req), req.params.id, req.body),
  });
  app.delete('/api/emergency/teams/:id/members/:memberId', {
    config: { access: 'emergency:team', record: 'emergency_team' },
    schema: { tags, summary: 'Remove a member (and their shifts)', params: memberIdParams, response: { 200: emergencyTeamDetail } },
    handler: (req) => removeMember(kit, actorCtx(req), req.params.id, req.params.memberId),
  });
  app.post('/api/emergency/teams/:id/roster', {
    config: { access: 'emergency:team', record: 'emergency_team' },
    schema: { tags, summary: 'Add a duty shift of a member', params: emergencyIdParams, body: rosterRequest, response: { 200: emergencyTeamDetail } },
    handler: (req) => addShift(kit, actorCtx(req), req.params.id, req.body),
  });
  app.post('/api/emergency/teams/:id/position', {
    config: { access: ['emergency:field', 'emergency:team'], record: 'emergency_team', idempotent: true },
    schema: { tags, summary: 'Report where the team is (a member\'s phone; replayable)', params: emergencyIdParams, body: positionRequest, response: { 200: z.object({ lng: z.number(), lat: z.number(), at: z.string() }) } },
    handler: (req) => reportPosition(kit, actorCtx(req), req.params.id, req.body),
  });
}
