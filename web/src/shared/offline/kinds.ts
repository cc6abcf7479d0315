/**
 * Kinds of offline submission. A feature defines its kind once (how to send one, a line to
 * recognise it, what to refresh after), at module load of a file the app imports at start
 * (`app/offline-kinds.ts`), so the queue can send what was left from an earlier visit before the
 * feature's page is opened.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { AttachmentRef } from '@gridgov/contracts';
import type { QueuedFile } from './store';

export interface SendContext {
  /** The submission's idempotency key: send it as `Idempotency-Key` (the server replays the first answer). */
  key: string;
  /** The files queued with it (photos as blobs). */
  files: readonly QueuedFile[];
  /** Uploads the n-th file (to /api/attachments, replay-safe) and answers its reference. */
  upload(index: number): Promise<AttachmentRef>;
}

export interface OfflineKind<P, R> {
  /** Stable name, stored with each submission (`ticket.report`, `visit.log`, `survey.answer`). */
  kind: string;
  send(payload: P, context: SendContext): Promise<R>;
  /** One line to recognise the submission in the "to send" list. */
  summary(payload: P): string;
  /** After a send (now or later, from the queue): refresh what it changed. */
  sent?(result: R, client: QueryClient): void;
}

type AnyKind = OfflineKind<never, unknown>;
const KINDS = new Map<string, AnyKind>();

export function defineOfflineKind<P, R>(spec: OfflineKind<P, R>): OfflineKind<P, R> {
  if (KINDS.has(spec.kind) && KINDS.get(spec.kind) !== (spec as unknown as AnyKind)) throw new Error(`offline kind ${spec.kind} is defined twice`);
  KINDS.set(spec.kind, spec as unknown as AnyKind);
  return spec;
}

export function offlineKind(kind: string): OfflineKind<unknown, unknown> | undefined {
  return KINDS.get(kind) as OfflineKind<unknown, unknown> | undefined;
}
