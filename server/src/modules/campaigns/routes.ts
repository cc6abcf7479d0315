/**
 * Survey campaign routes: campaigns (list, read, draft, steps, progress, reassignment, answers
 * with a purpose, Excel export) for command centres; tasks for both (a worker's own: "my tasks")
 * and answering one from the phone (replayable by the phone's id and `Idempotency-Key`).
 */
import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  page, surveyAnswer, surveyAnswerInput, surveyAnswerListQuery, surveyAnswerReceipt, surveyCampaign, surveyCampaignInput, surveyCampaignListQuery, SURVEY_CAMPAIGN_ACTION_INPUTS,
  SURVEY_CAMPAIGN_ACTIONS, surveyExportQuery, surveyListFile, surveyProgress, surveyProgressQuery, surveyReassignInput, surveyReassignResult, surveyTask, surveyTaskListQuery, uuid,
} from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { contentDisposition } from '../exports/routes.js';
import { createCampaign } from './create-campaign.js';
import { transitionCampaign } from './transition-campaign.js';
import { answerTask } from './answer-task.js';
import { reassignTasks } from './reassign-tasks.js';
import { exportAnswers } from './export-answers.js';
import { campaignProgress, getCampaign, listAnswers, listCampaigns, listTasks, presentTasks } from './queries.js';
import { loadTask } from './workflow.js';
import { LIST_MAX_BYTES, LIST_MAX_ROWS, readListFile } from './read-list-file.js';

const READ = ['campaign:manage', 'campaign:survey'] as const;
const idParams = z.strictObject({ id: uuid });

export function campaignRoutes(app: App, kit: Kit): void {
  const { db } = kit;
  const tags = ['campaigns'];
  app.get('/api/survey-campaigns', {
    config: { access: READ },
    schema: { tags, summary: 'Survey campaigns: a manager\'s subtree, or those with a task of the worker\'s', querystring: surveyCampaignListQuery, response: { 200: page(surveyCampaign) } },
    handler: (req) => listCampaigns(db, actorCtx(req).actor, req.query, req.ctx.clock.now()),
  });
  app.get('/api/survey-campaigns/:id', {
    config: { access: READ, record: 'survey_campaign' },
    schema: { tags, params: idParams, response: { 200: surveyCampaign } },
    handler: (req) => getCampaign(db, actorCtx(req).actor, req.params.id, req.ctx.clock.now()),
  });
  app.post('/api/survey-campaigns', {
    config: { access: 'campaign:manage' },
    schema: { tags, body: surveyCampaignInput, response: { 201: surveyCampaign } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const id = await createCampaign(kit, ctx, req.body);
      return reply.status(201).send(await getCampaign(db, ctx.actor, id, ctx.clock.now()));
    },
  });
  // Multipart only in this scope: the household list of a list target, read and given back.
  void app.register(async (scope) => {
    const upload = scope.withTypeProvider<ZodTypeProvider>();
    await upload.register(multipart, { limits: { files: 1, fields: 1, parts: 2, fileSize: LIST_MAX_BYTES + 1 }, throwFileSizeLimit: false });
    upload.post('/api/survey-campaigns/list-file', {
      config: { access: 'campaign:manage' },
      schema: { tags, summary: 'Read an uploaded household list (.xlsx or .csv, one column of household numbers, header optional); nothing is stored', response: { 200: surveyListFile } },
      handler: async (req) => {
        if (!req.isMultipart()) throw new AppError('SURVEY_LIST_FILE_TYPE', { reason: 'expected multipart/form-data with one file' });
        const file = await req.file();
        if (!file) throw new AppError('SURVEY_LIST_FILE_TYPE', { reason: 'no file in the upload' });
        const bytes = await file.toBuffer();
        if (file.file.truncated) throw new AppError('SURVEY_LIST_FILE_TOO_LARGE', { maxRows: LIST_MAX_ROWS });
        return readListFile(bytes, file.filename);
      },
    });
  });
  for (const action of SURVEY_CAMPAIGN_ACTIONS) {
    app.post(`/api/survey-campaigns/:id/${action}`, {
      config: { access: 'campaign:manage', record: 'survey_campaign' },
      schema: { tags, params: idParams, body: SURVEY_CAMPAIGN_ACTION_INPUTS[action], response: { 200: surveyCampaign } },
      handler: async (req) => {
        const ctx = actorCtx(req);
        await transitionCampaign(kit, ctx, req.params.id, action, req.body);
        return getCampaign(db, ctx.actor, req.params.id, ctx.clock.now());
      },
    });
  }
  app.get('/api/survey-campaigns/:id/progress', {
    config: { access: 'campaign:manage', record: 'survey_campaign' },
    schema: { tags, summary: 'Progress per grid, community, township or county within the caller\'s subtree', params: idParams, querystring: surveyProgressQuery, response: { 200: surveyProgress } },
    handler: (req) => campaignProgress(db, actorCtx(req).actor, req.params.id, req.query.level),
  });
  app.post('/api/survey-campaigns/:id/reassign', {
    config: { access: 'campaign:manage', record: 'survey_campaign' },
    schema: { tags, summary: 'Move one task, or every pending task of a grid, to another worker of that grid', params: idParams, body: surveyReassignInput, response: { 200: surveyReassignResult } },
    handler: async (req) => ({ reassigned: await reassignTasks(db, actorCtx(req), req.params.id, req.body) }),
  });
  app.get('/api/survey-campaigns/:id/answers', {
    config: { access: 'campaign:manage', record: 'survey_campaign' },
    schema: { tags, summary: 'Answers in the caller\'s subtree (health data: a purpose is required and audited; ID numbers and phones masked)', params: idParams, querystring: surveyAnswerListQuery, response: { 200: page(surveyAnswer) } },
    handler: (req) => listAnswers(db, actorCtx(req), req.params.id, req.query),
  });
  app.get('/api/survey-campaigns/:id/export', {
    config: { access: 'campaign:manage', record: 'survey_campaign' },
    schema: { tags, summary: 'The answers as .xlsx with the form\'s fields as columns (scoped, masked, capped, audited with its purpose)', params: idParams, querystring: surveyExportQuery },
    handler: async (req, reply) => {
      const file = await exportAnswers(db, actorCtx(req), req.params.id, req.query.purpose, kit.config.exportApprovalRows);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(file.fileName, file.asciiFileName))
        .header('cache-control', 'no-store')
        .send(file.stream);
    },
  });
  app.get('/api/survey-tasks', {
    config: { access: READ },
    schema: { tags, summary: 'Tasks: a manager\'s subtree, a worker\'s own (of open campaigns unless one is named)', querystring: surveyTaskListQuery, response: { 200: page(surveyTask) } },
    handler: (req) => listTasks(db, actorCtx(req).actor, req.query),
  });
  app.get('/api/survey-tasks/:id', {
    config: { access: READ, record: 'survey_task' },
    schema: { tags, params: idParams, response: { 200: surveyTask } },
    handler: async (req) => (await presentTasks(db, [await loadTask(db, actorCtx(req).actor, req.params.id)]))[0]!,
  });
  app.post('/api/survey-tasks/:id/answers', {
    config: { access: 'campaign:survey', record: 'survey_task', idempotent: true },
    schema: { tags, summary: 'Answer one\'s task (the phone\'s id makes a resend the same answer); alerts make follow-ups or a ticket', params: idParams, body: surveyAnswerInput, response: { 200: surveyAnswerReceipt } },
    handler: (req) => answerTask(kit, actorCtx(req), req.params.id, req.body),
  });
}
