/** Uploading and reading attachments: any signed-in user, and the anonymous portal (rate-limited per address). */
import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { attachmentRef, uuid } from '@gridgov/contracts';
import type { App } from '../http/types.js';
import { actorCtx } from '../http/access.js';
import { AppError } from '../errors.js';
import { RateLimiter } from '../http/rate-limit.js';
import type { Kit } from '../kit/kit.js';
import { ATTACHMENT_MAX_BYTES, readableAttachment, saveAttachment } from './attachments.js';

export function contentDisposition(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function attachmentRoutes(parent: App, kit: Kit): void {
  const tags = ['files'];
  void parent.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    await app.register(multipart, { limits: { files: 1, fields: 2, parts: 3, fileSize: ATTACHMENT_MAX_BYTES + 1 }, throwFileSizeLimit: false });
    const publicUploads = new RateLimiter(30, 10 * 60_000, kit.clock);
    const upload = async (req: FastifyRequest, uploadedBy: string | null) => {
      if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', { file: 'expected multipart/form-data with one file' });
      const file = await req.file();
      if (!file) throw new AppError('VALIDATION_FAILED', { file: 'no file' });
      return saveAttachment(kit.db, kit.files, uploadedBy, req.ctx.clock.now(), { filename: file.filename, stream: file.file, truncated: () => file.file.truncated });
    };
    app.post('/api/attachments', {
      // Photos of reports and report-backs, form answers (photos, signatures): anyone signed in uploads their own.
      config: { access: 'authenticated', idempotent: true },
      schema: { tags, summary: 'Upload a photo (multipart, one image file named "file"); it is yours until a record you write claims it', response: { 201: attachmentRef } },
      handler: async (req, reply) => reply.status(201).send(await upload(req, actorCtx(req).actor.id)),
    });
    app.post('/api/public/attachments', {
      config: { access: 'public' },
      schema: { tags, summary: 'Upload a photo for an anonymous report (rate-limited)', response: { 201: attachmentRef } },
      handler: async (req, reply) => {
        publicUploads.hit(req.ip);
        return reply.status(201).send(await upload(req, null));
      },
    });
  });

  parent.get('/api/attachments/:id', {
    config: { access: 'authenticated', record: 'attachment' },
    schema: { tags, params: z.strictObject({ id: uuid }) },
    handler: async (req, reply) => {
      const file = await readableAttachment(kit.db, actorCtx(req).actor, req.params.id, kit.registry.attachmentOwners);
      return reply.header('content-type', file.contentType).header('content-disposition', contentDisposition(file.name)).send(kit.files.read(file.key));
    },
  });
}
