import { z } from 'zod';
import { createUserRequest, gridOption, gridOptionsQuery, page, resetPasswordRequest, updateUserRequest, user, userListQuery, uuid } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { createUser } from './create-user.js';
import { updateUser } from './update-user.js';
import { resetPassword, unlockUser } from './reset-user-access.js';
import { getUser, listUsers } from './queries.js';
import { gridOptions } from '../grids/queries.js';

const idParams = z.strictObject({ id: uuid });

export function userRoutes(app: App, kit: Kit): void {
  const { db, operatorConsole } = kit;
  app.get('/api/users', {
    config: { access: 'user:read' },
    schema: { tags: ['users'], querystring: userListQuery, response: { 200: page(user) } },
    handler: (req) => listUsers(db, actorCtx(req).actor, req.query, req.ctx.clock.now()),
  });
  // The grid picker of the account form: names and codes of the grids in the admin's scope, no register data.
  app.get('/api/users/grid-options', {
    config: { access: 'user:write' },
    schema: { tags: ['users'], querystring: gridOptionsQuery, response: { 200: z.object({ items: z.array(gridOption) }) } },
    handler: async (req) => ({ items: await gridOptions(db, actorCtx(req).actor, req.query.q) }),
  });
  app.get('/api/users/:id', {
    config: { access: 'user:read', record: 'user' },
    schema: { tags: ['users'], params: idParams, response: { 200: user } },
    handler: (req) => getUser(db, actorCtx(req).actor, req.params.id, req.ctx.clock.now()),
  });
  app.post('/api/users', {
    config: { access: 'user:write' },
    schema: { tags: ['users'], body: createUserRequest, response: { 201: user } },
    handler: async (req, reply) => {
      const ctx = actorCtx(req);
      const id = await createUser(db, ctx, req.body, { operatorConsole });
      return reply.status(201).send(await getUser(db, ctx.actor, id, ctx.clock.now()));
    },
  });
  app.patch('/api/users/:id', {
    config: { access: 'user:write', record: 'user' },
    schema: { tags: ['users'], params: idParams, body: updateUserRequest, response: { 200: user } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      await updateUser(db, ctx, req.params.id, req.body);
      return getUser(db, ctx.actor, req.params.id, ctx.clock.now());
    },
  });
  app.post('/api/users/:id/unlock', {
    config: { access: 'user:write', record: 'user' },
    schema: { tags: ['users'], params: idParams, response: { 200: user } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      await unlockUser(db, ctx, req.params.id);
      return getUser(db, ctx.actor, req.params.id, ctx.clock.now());
    },
  });
  app.post('/api/users/:id/reset-password', {
    config: { access: 'user:write', record: 'user' },
    schema: { tags: ['users'], params: idParams, body: resetPasswordRequest, response: { 200: user } },
    handler: async (req) => {
      const ctx = actorCtx(req);
      await resetPassword(db, ctx, req.params.id, req.body.password, { operatorConsole });
      return getUser(db, ctx.actor, req.params.id, ctx.clock.now());
    },
  });
}
