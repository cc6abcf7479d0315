import { z } from 'zod';
import { department, departmentInput, uuid } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Db } from '../../platform/db/client.js';
import { listDepartments } from './queries.js';
import { createDepartment, setDepartmentMember } from './manage-departments.js';

export function departmentRoutes(app: App, db: Db): void {
  const tags = ['departments'];
  app.get('/api/departments', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Departments serving the caller\'s region or one above it', response: { 200: z.object({ items: z.array(department) }) } },
    handler: async (req) => ({ items: await listDepartments(db, actorCtx(req).actor) }),
  });
  app.post('/api/departments', {
    config: { access: 'ticket:config' },
    schema: { tags, body: departmentInput, response: { 201: z.object({ id: z.string() }) } },
    handler: async (req, reply) => reply.status(201).send({ id: await createDepartment(db, actorCtx(req), req.body) }),
  });
  app.put('/api/departments/:id/members/:userId', {
    config: { access: 'user:write', record: 'department' },
    schema: { tags, summary: 'Make a department handler account a member of the department', params: z.strictObject({ id: uuid, userId: uuid }) },
    handler: async (req, reply) => {
      await setDepartmentMember(db, actorCtx(req), req.params.id, req.params.userId);
      return reply.status(204).send();
    },
  });
}
