/** Call campaigns: list, draft, edit, one (progress, distribution, prompts), steps, targets, export, prompt audio; follow-up tasks; the providers' webhook. */
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  CALLOUT_ACTIONS, CALLOUT_ACTION_INPUTS, calloutCreateRequest, calloutDetail, calloutEvent, calloutExportQuery, calloutIdParams, calloutListQuery, calloutPromptParams, calloutSummary,
  calloutTargetQuery, calloutTargetRow, calloutTaskDone, calloutTaskQuery, calloutTaskRow, calloutUpdateRequest, page,
} from '@gridgov/contracts';
import { z } from 'zod';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { contentDisposition } from '../exports/routes.js';
import { createCampaign, listCampaigns, readCampaign, transitionCampaign, updateCampaign } from './campaigns.js';
import { handleCallEvent } from './dialer.js';
import { exportResults, listTargets, promptAudio } from './results.js';
import { completeTask, listTasks } from './tasks.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The webhook's shared secret (header `x-callout-secret`), compared in constant time; no secret configured: every call refused. */
function authenticated(kit: Kit, given: string | string[] | undefined): boolean {
  const secret = kit.config.calloutWebhookSecret;
  if (!secret || typeof given !== 'string' || given.length === 0) return false;
  return timingSafeEqual(digest(given), digest(secret));
}

export function calloutRoutes(app: App, kit: Kit): void {
  const tags = ['callouts'];
  app.get('/api/callouts', {
    config: { access: 'callout:read' },
    schema: { tags, summary: 'Call campaigns in scope with their progress (audited)', querystring: calloutListQuery, response: { 200: page(calloutSummary) } },
    handler: (req) => listCampaigns(kit, actorCtx(req), req.query),
  });
  app.post('/api/callouts', {
    config: { access: 'callout:manage' },
    schema: { tags, summary: 'Draft a campaign: script, targets, windows, limits (a list\'s numbers kept as hashes and masks)', body: calloutCreateRequest, response: { 201: calloutDetail } },
    handler: async (req, reply) => reply.status(201).send(await createCampaign(kit, actorCtx(req), req.body)),
  });
  app.get('/api/callouts/:id', {
    config: { access: 'callout:read', record: 'callout_campaign' },
    schema: { tags, summary: 'One campaign: script, progress, answer distribution, prompts, outcomes (audited)', params: calloutIdParams, response: { 200: calloutDetail } },
    handler: (req) => readCampaign(kit, actorCtx(req), req.params.id),
  });
  app.put('/api/callouts/:id', {
    config: { access: 'callout:manage', record: 'callout_campaign' },
    schema: { tags, summary: 'Change a draft (version checked)', params: calloutIdParams, body: calloutUpdateRequest, response: { 200: calloutDetail } },
    handler: (req) => updateCampaign(kit, actorCtx(req), req.params.id, req.body),
  });
  for (const action of CALLOUT_ACTIONS) {
    app.post(`/api/callouts/:id/${action}`, {
      config: { access: action === 'approve' ? 'callout:approve' : 'callout:manage', record: 'callout_campaign' },
      schema: { tags, summary: `Campaign step: ${action}${action === 'approve' ? ' (freezes the script, synthesizes the prompts)' : action === 'start' ? ' (resolves the targets, queues the dialler)' : ''}`, params: calloutIdParams, body: CALLOUT_ACTION_INPUTS[action], response: { 200: calloutDetail } },
      handler: async (req) => {
        const ctx = actorCtx(req);
        await transitionCampaign(kit, ctx, req.params.id, action, req.body);
        return readCampaign(kit, ctx, req.params.id, false);
      },
    });
  }
  app.get('/api/callouts/:id/targets', {
    config: { access: 'callout:read', record: 'callout_campaign' },
    schema: { tags, summary: 'Per-target results in the caller\'s subtree: status, attempts, keys, outcomes (masked; audited)', params: calloutIdParams, querystring: calloutTargetQuery, response: { 200: page(calloutTargetRow) } },
    handler: (req) => listTargets(kit, actorCtx(req), req.params.id, req.query),
  });
  app.get('/api/callouts/:id/export', {
    config: { access: 'callout:manage', record: 'callout_campaign' },
    schema: { tags, summary: 'The results as .xlsx (scoped, masked, audited with its purpose)', params: calloutIdParams, querystring: calloutExportQuery },
    handler: async (req, reply) => {
      const file = await exportResults(kit, actorCtx(req), req.params.id, req.query.purpose);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(file.fileName, file.asciiFileName))
        .header('cache-control', 'no-store')
        .send(file.stream);
    },
  });
  app.get('/api/callouts/:id/prompts/:prompt', {
    config: { access: 'callout:read', record: 'callout_campaign' },
    schema: { tags, summary: 'A prompt\'s synthesized audio (audio/wav)', params: calloutPromptParams },
    handler: async (req, reply) => {
      const audio = await promptAudio(kit, actorCtx(req), req.params.id, req.params.prompt);
      return reply.header('content-type', 'audio/wav').header('content-length', String(audio.bytes)).header('cache-control', 'private, max-age=3600').send(audio.stream);
    },
  });
  app.get('/api/callout-tasks', {
    config: { access: 'callout:task' },
    schema: { tags, summary: 'Follow-up tasks call answers raised: a worker\'s grid, an operator\'s subtree (audited)', querystring: calloutTaskQuery, response: { 200: page(calloutTaskRow) } },
    handler: (req) => listTasks(kit, actorCtx(req), req.query),
  });
  app.post('/api/callout-tasks/:id/done', {
    config: { access: 'callout:task', record: 'callout_task', idempotent: true },
    schema: { tags, summary: 'Mark a follow-up done (version checked; replayable from the phone)', params: calloutIdParams, body: calloutTaskDone, response: { 200: calloutTaskRow } },
    handler: (req) => completeTask(kit, actorCtx(req), req.params.id, req.body),
  });
  app.post('/api/callouts/webhook', {
    config: { access: 'public' },
    schema: { tags, summary: 'A telephony provider\'s call event (header x-callout-secret: the shared secret)', body: calloutEvent, response: { 200: z.object({ status: z.string() }) } },
    handler: async (req) => {
      if (!authenticated(kit, req.headers['x-callout-secret'])) throw new AppError('CALLOUT_WEBHOOK_AUTH');
      return handleCallEvent(kit, req.body, 'webhook');
    },
  });
}
