/**
 * Photos and signatures of a forms-as-data form kept on the phone until the submission is sent:
 * the renderer's `attachments` (`FormRenderer attachments={kept.handling}`) answers a made-up id
 * for each file and keeps the file; at submit, `take(ids)` gives the files for the queue, in the
 * order of the answers' ids; when the queue sends, each file is uploaded (replay-safe) and
 * `swapAttachments` puts the server's references in place of the made-up ones.
 */
import type { AttachmentRef, FormAttachment } from '@gridgov/contracts';
import type { AttachmentHandling } from '../forms/attachments';
import { newSubmissionId } from './policy';
import type { QueuedFile } from './store';

export interface KeptAttachments {
  handling: AttachmentHandling;
  /** The kept files the answers name (by their made-up ids), for the queue; ids not kept here are left out. */
  take(ids: readonly string[]): { files: QueuedFile[]; ids: string[] };
  /** Forgets every kept file (after a submit, a reset). */
  clear(): void;
}

export function keptAttachments(): KeptAttachments {
  const kept = new Map<string, { file: File; url: string }>();
  return {
    handling: {
      upload: async (file) => {
        const id = newSubmissionId();
        kept.set(id, { file, url: URL.createObjectURL(file) });
        return { id, name: file.name, contentType: file.type, size: file.size };
      },
      url: (ref) => kept.get(ref.id)?.url ?? '',
    },
    take(ids) {
      const found = ids.flatMap((id) => {
        const k = kept.get(id);
        return k ? [{ id, file: { name: k.file.name, type: k.file.type, blob: k.file as Blob } }] : [];
      });
      return { files: found.map((f) => f.file), ids: found.map((f) => f.id) };
    },
    clear() {
      for (const k of kept.values()) URL.revokeObjectURL(k.url);
      kept.clear();
    },
  };
}

const isRef = (value: unknown): value is FormAttachment => typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { id?: unknown }).id === 'string';

/** The answers with every attachment reference whose id is in `uploaded` replaced by the server's (in items too). */
export function swapAttachments<T>(answers: T, uploaded: ReadonlyMap<string, AttachmentRef>): T {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (isRef(value) && uploaded.has(value.id)) {
      const ref = uploaded.get(value.id)!;
      return { id: ref.id, name: value.name ?? ref.name, contentType: value.contentType ?? ref.contentType, size: value.size ?? ref.size };
    }
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(answers) as T;
}
