/**
 * Attachments: uploads are images only (checked by their first bytes, not by the name or the
 * declared type), at most 10 MB. An upload is its uploader's until a record claims it; a claim
 * takes only the claimer's own unclaimed uploads (anonymous ones for anonymous reports), so an
 * attachment id learnt elsewhere gives no access. A claimed file is readable by whoever may read
 * its owner record, as the owning module answers.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../context.js';
import type { Db } from '../db/client.js';
import { AppError, notFound } from '../errors.js';
import type { FileStore } from './store.js';
import { attachment } from './tables.js';

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export interface AttachmentRef {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

/** Whether the actor may read the record that owns a file (the owning module answers). */
export type OwnerReadable = (db: Db, actor: Actor, ownerId: string) => Promise<boolean>;

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
  files: FileStore,
  uploadedBy: string | null,
  now: Date,
  file: { filename: string; stream: Readable; truncated: () => boolean },
): Promise<AttachmentRef> {
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
  const id = randomUUID();
  const key = `attachments/${id}`;
  await files.put(key, body);
  const name = (file.filename.split(/[\\/]/).pop() ?? '').slice(0, 100) || 'photo';
  await db.insert(attachment).values({ id, name, contentType, size: body.length, path: key, uploadedBy, createdAt: now });
  return { id, name, contentType, size: body.length };
}

/**
 * Claims uploads for a record, in the record's transaction: each must be the claimer's own
 * (anonymous uploads for an anonymous claimer) and unclaimed, or already this record's. Anything
 * else is refused as one invalid field, without saying which reason applied.
 */
export async function claimAttachments(
  tx: Db,
  claimer: { userId: string | null },
  ids: readonly string[],
  owner: { type: string; id: string },
  field: string,
  now: Date,
): Promise<AttachmentRef[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  const uploader = claimer.userId === null ? isNull(attachment.uploadedBy) : eq(attachment.uploadedBy, claimer.userId);
  const claimed = await tx
    .update(attachment)
    .set({ ownerType: owner.type, ownerId: owner.id, claimedAt: now })
    .where(
      and(
        inArray(attachment.id, wanted),
        sql`(${and(uploader, isNull(attachment.ownerId))} or (${attachment.ownerType} = ${owner.type} and ${attachment.ownerId} = ${owner.id}))`,
      ),
    )
    .returning({ id: attachment.id, name: attachment.name, contentType: attachment.contentType, size: attachment.size });
  if (claimed.length !== wanted.length) throw new AppError('VALIDATION_FAILED', { fields: [{ field, code: 'ATTACHMENT_INVALID' }] });
  const byId = new Map(claimed.map((c) => [c.id, c]));
  return wanted.map((id) => byId.get(id)!);
}

/** The uploader's own uploads that no record holds yet, among `ids` (what a record about to be written may claim). */
export async function unclaimedUploads(db: Db, userId: string | null, ids: readonly string[]): Promise<AttachmentRef[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: attachment.id, name: attachment.name, contentType: attachment.contentType, size: attachment.size })
    .from(attachment)
    .where(and(inArray(attachment.id, [...new Set(ids)]), isNull(attachment.ownerId), userId === null ? isNull(attachment.uploadedBy) : eq(attachment.uploadedBy, userId)));
}

/** The file, when the actor uploaded it and nothing claimed it yet, or may read the record that owns it. */
export async function readableAttachment(
  db: Db,
  actor: Actor,
  id: string,
  owners: ReadonlyMap<string, OwnerReadable>,
): Promise<{ key: string; contentType: string; name: string }> {
  const [a] = await db.select().from(attachment).where(eq(attachment.id, id));
  if (!a) throw notFound();
  const readable = a.ownerId === null ? a.uploadedBy === actor.id : await (owners.get(a.ownerType ?? '')?.(db, actor, a.ownerId) ?? false);
  if (!readable) throw notFound();
  return { key: a.path, contentType: a.contentType, name: a.name };
}
