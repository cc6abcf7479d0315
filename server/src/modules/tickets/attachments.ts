/**
 * Photos and files attached to tickets. Uploads are images only (checked by their first bytes,
 * not by the name or the declared type), at most 10 MB, stored under the files folder. A file
 * is readable by its uploader and by whoever may read a ticket that uses it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import type { AttachmentRef } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { actorDepartment, ticketReadable } from './ticket-access.js';
import { attachment, ticket, ticketEvent } from './tables.js';

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

const SIGNATURES: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/gif', test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  { type: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

export function sniffImage(head: Buffer): string | null {
  return SIGNATURES.find((s) => s.test(head))?.type ?? null;
}

export async function saveAttachment(
  db: Db,
  filesDir: string,
  uploadedBy: string | null,
  now: Date,
  file: { filename: string; stream: Readable; truncated: () => boolean },
): Promise<AttachmentRef> {
  const id = randomUUID();
  const dir = path.join(filesDir, 'attachments');
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, id);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file.stream) {
    size += (chunk as Buffer).length;
    if (size > ATTACHMENT_MAX_BYTES) break;
    chunks.push(chunk as Buffer);
  }
  if (size > ATTACHMENT_MAX_BYTES || file.truncated()) throw new AppError('IMPORT_FILE_TOO_LARGE', { maxBytes: ATTACHMENT_MAX_BYTES });
  const body = Buffer.concat(chunks);
  const contentType = sniffImage(body.subarray(0, 16));
  if (!contentType) throw new AppError('VALIDATION_FAILED', { file: 'only JPEG, PNG, GIF or WebP images' });
  fs.writeFileSync(target, body, { mode: 0o600 });
  const name = path.basename(file.filename).slice(0, 100) || 'photo';
  await db.insert(attachment).values({ id, name, contentType, size: body.length, path: target, uploadedBy, createdAt: now });
  return { id, name, contentType, size: body.length };
}

/** The file, when the actor uploaded it or may read a ticket that uses it. */
export async function readableAttachment(db: Db, actor: Actor, id: string): Promise<{ path: string; contentType: string; name: string }> {
  const [a] = await db.select().from(attachment).where(eq(attachment.id, id));
  if (!a) throw notFound();
  if (a.uploadedBy !== actor.id) {
    const departmentId = await actorDepartment(db, actor);
    const ref = JSON.stringify([{ id }]);
    const [used] = await db
      .select({ id: ticket.id })
      .from(ticket)
      .where(
        sql`${ticketReadable(actor, departmentId)} and (${ticket.photos} @> ${ref}::jsonb or exists (select 1 from ${ticketEvent} where ${ticketEvent.ticketId} = ${ticket.id} and ${ticketEvent.attachments} @> ${ref}::jsonb))`,
      )
      .limit(1);
    if (!used) throw notFound();
  }
  return { path: a.path, contentType: a.contentType, name: a.name };
}
