/**
 * Form definitions over HTTP: reading (form:read sees published and retired versions,
 * form:config also drafts), drafting, publishing and retiring (form:config), and a dry run of
 * answers against a version. The rules live in platform/forms.
 */
import { z } from 'zod';
import {
  createFormDraftRequest,
  formKey,
  formList,
  formRevisionQuery,
  formRevisionRequest,
  formVersion,
  formVersionParams,
  updateFormDraftRequest,
  validateAnswersRequest,
  validateAnswersResponse,
  type Permission,
} from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { getFormVersion, listForms, publishedForm } from '../../platform/forms/queries.js';
import { createFormDraft } from '../../platform/forms/create-form-draft.js';
import { updateFormDraft } from '../../platform/forms/update-form-draft.js';
import { publishFormVersion } from '../../platform/forms/publish-form-version.js';
import { retireFormVersion } from '../../platform/forms/retire-form-version.js';
import { deleteFormDraft } from '../../platform/forms/delete-form-draft.js';
import { tryAnswers } from '../../platform/forms/try-answers.js';

/**
 * Reading forms: whoever fills them in (form:read) and whoever configures them. Form definitions
 * are configuration, the same everywhere: the record kind `form` has no scope.
 */
const READ: readonly Permission[] = ['form:read', 'form:config'];
const tags = ['forms'];

export function formRoutes(app: App, kit: Kit): void {
  const { db } = kit;

  app.get('/api/forms', {
    config: { access: READ },
    schema: { tags, summary: 'Forms and their versions (drafts only for form:config)', response: { 200: formList } },
    handler: async (req) => ({ items: await listForms(db, actorCtx(req).actor) }),
  });
  app.get('/api/forms/:key/current', {
    config: { access: READ, record: 'form' },
    schema: { tags, summary: 'The newest published version of a form', params: z.strictObject({ key: formKey }), response: { 200: formVersion } },
    handler: async (req) => {
      const actor = actorCtx(req).actor;
      const current = await publishedForm(db, req.params.key);
      return getFormVersion(db, actor, current.key, current.version);
    },
  });
  app.get('/api/forms/:key/versions/:version', {
    config: { access: READ, record: 'form' },
    schema: { tags, params: formVersionParams, response: { 200: formVersion } },
    handler: (req) => getFormVersion(db, actorCtx(req).actor, req.params.key, req.params.version),
  });
  app.post('/api/forms', {
    config: { access: 'form:config' },
    schema: { tags, summary: 'Start a draft: a new form (version 1) or the next version of one', body: createFormDraftRequest, response: { 201: formVersion } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const { key, version } = await createFormDraft(db, ctx, req.body);
      return reply.status(201).send(await getFormVersion(db, ctx.actor, key, version));
    },
  });
  app.patch('/api/forms/:key/versions/:version', {
    config: { access: 'form:config', record: 'form' },
    schema: { tags, summary: 'Save a draft (published versions never change)', params: formVersionParams, body: updateFormDraftRequest, response: { 200: formVersion } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      await updateFormDraft(db, ctx, req.params.key, req.params.version, req.body);
      return getFormVersion(db, ctx.actor, req.params.key, req.params.version);
    },
  });
  app.delete('/api/forms/:key/versions/:version', {
    config: { access: 'form:config', record: 'form' },
    schema: { tags, summary: 'Delete a draft', params: formVersionParams, querystring: formRevisionQuery },
    handler: async (req, reply) => {
      await deleteFormDraft(db, actorCtx(req), req.params.key, req.params.version, req.query.revision);
      return reply.status(204).send();
    },
  });
  app.post('/api/forms/:key/versions/:version/publish', {
    config: { access: 'form:config', record: 'form' },
    schema: { tags, summary: 'Publish a draft', params: formVersionParams, body: formRevisionRequest, response: { 200: formVersion } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      await publishFormVersion(db, ctx, req.params.key, req.params.version, req.body.revision);
      return getFormVersion(db, ctx.actor, req.params.key, req.params.version);
    },
  });
  app.post('/api/forms/:key/versions/:version/retire', {
    config: { access: 'form:config', record: 'form' },
    schema: { tags, summary: 'Retire a published version: no more answers to it', params: formVersionParams, response: { 200: formVersion } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      await retireFormVersion(db, ctx, req.params.key, req.params.version);
      return getFormVersion(db, ctx.actor, req.params.key, req.params.version);
    },
  });
  app.post('/api/forms/:key/versions/:version/validate', {
    config: { access: READ, record: 'form' },
    schema: {
      tags,
      summary: 'Try answers against a version without storing them (FORM_ANSWERS_INVALID lists each field\'s problem)',
      params: formVersionParams,
      body: validateAnswersRequest,
      response: { 200: validateAnswersResponse },
    },
    handler: (req) => tryAnswers(db, actorCtx(req), req.params.key, req.params.version, req.body.answers),
  });
}
