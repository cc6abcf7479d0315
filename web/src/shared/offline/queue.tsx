/**
 * The offline submission queue of one signed-in account. A submission is stored (IndexedDB, with
 * its photos) before it is sent, so nothing is lost if the network, the tab or the phone goes;
 * it is sent when the network returns (the `online` event), at start, and by a timer with a
 * growing pause; each send carries the submission's id as its idempotency key, so a send whose
 * answer was lost is never filed twice. A refusal stays in the list with the server's message
 * until the person fixes or discards it. Only the owner's submissions are listed or sent.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AttachmentRef } from '@gridgov/contracts';
import { api, ApiError } from '../../api/client';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { offlineKind, type OfflineKind, type SendContext } from './kinds';
import { isOnline, useOnline } from './network';
import { classifyFailure, newSubmissionId, partKey, refusedFields, retryDelayMs } from './policy';
import { forgetReferences } from './reference-cache';
import { submissionStore, type QueuedFile, type QueuedSubmission } from './store';

/** How often the queue looks for submissions whose pause is over. */
const TICK_MS = 5_000;

export type SubmitOutcome<R> = { status: 'sent'; id: string; result: R } | { status: 'queued'; id: string };

interface QueueValue {
  /** The signed-in account's submissions not yet sent, oldest first. */
  items: QueuedSubmission[];
  online: boolean;
  /** Stores, then sends at once if the network allows; a refusal while sending now is thrown (the form shows it). */
  submit<P, R>(kind: OfflineKind<P, R>, payload: P, files: readonly QueuedFile[], options?: { id?: string }): Promise<SubmitOutcome<R>>;
  /** Sends everything waiting now (the "send now" button). */
  flush(): Promise<void>;
  /** Tries a refused one again as it is (e.g. after the problem was fixed on the server's side). */
  retry(id: string): Promise<void>;
  discard(id: string): Promise<void>;
  /** Forgets everything of this account (its sign-out, after the warning). */
  clearAll(): Promise<void>;
}

const QueueContext = createContext<QueueValue | null>(null);

function contextFor(item: QueuedSubmission): SendContext {
  return {
    key: partKey(item.id, 'submit'),
    files: item.files,
    upload: (index) => {
      const file = item.files[index];
      if (!file) throw new Error(`no file ${index}`);
      return api.upload<AttachmentRef>('/attachments', new File([file.blob], file.name, { type: file.type }), undefined, {
        headers: { 'Idempotency-Key': partKey(item.id, { file: index }) },
      });
    },
  };
}

function errorOf(error: unknown): QueuedSubmission['error'] {
  if (error instanceof ApiError) return { code: error.code, message: error.message, fields: refusedFields(error) };
  return { code: 'UNEXPECTED_RESPONSE', message: error instanceof Error ? error.message : String(error), fields: [] };
}

/** `owner`: the signed-in user's id (null when nobody is): the queue shows and sends only theirs. */
export function OfflineQueueProvider({ owner, children }: { owner: string | null; children: ReactNode }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const online = useOnline();
  const [items, setItems] = useState<QueuedSubmission[]>([]);
  const inFlight = useRef(new Set<string>());
  const flushing = useRef(false);
  const ownerRef = useRef(owner);
  ownerRef.current = owner;

  const refresh = useCallback(async () => {
    const who = ownerRef.current;
    const list = who ? await submissionStore.list(who).catch(() => []) : [];
    // "Sending" left by a closed tab is waiting again (it is sent again under the same key).
    const shown = list.map((item) => (item.state === 'sending' && !inFlight.current.has(item.id) ? { ...item, state: 'waiting' as const } : item));
    if (ownerRef.current === who) setItems(shown);
  }, []);

  /** One attempt at one submission; says what became of it. */
  const attempt = useCallback(
    async (item: QueuedSubmission): Promise<{ outcome: 'sent'; result: unknown } | { outcome: 'retry' | 'signedOut' | 'refused'; error: unknown } | { outcome: 'skipped' }> => {
      const kind = offlineKind(item.kind);
      if (!kind || inFlight.current.has(item.id)) return { outcome: 'skipped' };
      inFlight.current.add(item.id);
      try {
        await submissionStore.put({ ...item, state: 'sending' });
        void refresh();
        const result = await kind.send(item.payload, contextFor(item));
        await submissionStore.remove(item.owner, item.id);
        kind.sent?.(result, client);
        return { outcome: 'sent', result };
      } catch (error) {
        const failure = classifyFailure(error);
        const attempts = item.attempts + 1;
        await submissionStore.put({
          ...item,
          attempts,
          state: failure === 'refused' ? 'refused' : 'waiting',
          nextAttemptAt: failure === 'retry' ? Date.now() + retryDelayMs(attempts) : 0,
          error: errorOf(error),
        });
        return { outcome: failure, error };
      } finally {
        inFlight.current.delete(item.id);
        void refresh();
      }
    },
    [client, refresh],
  );

  const run = useCallback(
    async (force: boolean) => {
      const who = ownerRef.current;
      if (!who || flushing.current || !isOnline()) return;
      flushing.current = true;
      try {
        for (const item of await submissionStore.list(who)) {
          if (ownerRef.current !== who) break;
          if (item.state === 'refused' || (!force && item.nextAttemptAt > Date.now())) continue;
          const done = await attempt(item);
          if (done.outcome === 'sent') feedback.success(t('offline.sent', { summary: item.summary }));
          if (done.outcome === 'refused') feedback.warnings([{ code: 'OFFLINE_REFUSED', message: t('offline.refused', { summary: item.summary }) }]);
          // The network or the session is gone again: the rest waits too.
          if (done.outcome === 'retry' || done.outcome === 'signedOut') break;
        }
      } catch {
        // IndexedDB unavailable: nothing to send from here.
      } finally {
        flushing.current = false;
        void refresh();
      }
    },
    [attempt, feedback, refresh, t],
  );

  // At start and whenever the account changes; when the network returns; and on a timer.
  useEffect(() => {
    void refresh();
    void run(true);
  }, [owner, refresh, run]);
  useEffect(() => {
    if (online) void run(true);
  }, [online, run]);
  useEffect(() => {
    const timer = setInterval(() => void run(false), TICK_MS);
    return () => clearInterval(timer);
  }, [run]);

  const submit = useCallback(
    async <P, R>(kind: OfflineKind<P, R>, payload: P, files: readonly QueuedFile[], options: { id?: string } = {}): Promise<SubmitOutcome<R>> => {
      const who = ownerRef.current;
      if (!who) throw new ApiError('AUTH_REQUIRED', t('offline.signedOut'), 401);
      const item: QueuedSubmission = {
        id: options.id ?? newSubmissionId(),
        owner: who,
        kind: kind.kind,
        payload,
        files: [...files],
        summary: kind.summary(payload),
        state: 'waiting',
        createdAt: Date.now(),
        attempts: 0,
        nextAttemptAt: 0,
      };
      // Stored first: a tab closed in the middle of the send still has it.
      await submissionStore.put(item);
      if (!isOnline()) {
        void refresh();
        return { status: 'queued', id: item.id };
      }
      const done = await attempt(item);
      if (done.outcome === 'sent') return { status: 'sent', id: item.id, result: done.result as R };
      if (done.outcome === 'refused') {
        // The person is still on the form: the refusal goes to it, not to the list.
        await submissionStore.remove(who, item.id);
        void refresh();
        throw done.error;
      }
      return { status: 'queued', id: item.id };
    },
    [attempt, refresh, t],
  );

  const value = useMemo<QueueValue>(
    () => ({
      items,
      online,
      submit,
      flush: () => run(true),
      retry: async (id) => {
        const who = ownerRef.current;
        const item = who ? await submissionStore.get(who, id) : null;
        if (!item) return;
        await submissionStore.put({ ...item, state: 'waiting', nextAttemptAt: 0 });
        await run(true);
      },
      discard: async (id) => {
        const who = ownerRef.current;
        if (who) await submissionStore.remove(who, id);
        await refresh();
      },
      clearAll: async () => {
        const who = ownerRef.current;
        if (who) {
          await submissionStore.clear(who);
          forgetReferences(who);
        }
        await refresh();
      },
    }),
    [items, online, submit, run, refresh],
  );
  return <QueueContext.Provider value={value}>{children}</QueueContext.Provider>;
}

export function useOfflineQueue(): QueueValue {
  const value = useContext(QueueContext);
  if (!value) throw new Error('useOfflineQueue outside OfflineQueueProvider');
  return value;
}

/**
 * A form's submit that survives no network: `submit(payload, files)` answers `sent` (with the
 * server's result) or `queued` (stored, sent later by the queue), or throws the server's refusal
 * for the form to show. `pending` are this kind's submissions waiting in the queue.
 */
export function useOfflineSubmit<P, R>(kind: OfflineKind<P, R>) {
  const queue = useOfflineQueue();
  const { submit: queueSubmit } = queue;
  const submit = useCallback((payload: P, files: readonly QueuedFile[] = [], options?: { id?: string }) => queueSubmit(kind, payload, files, options), [queueSubmit, kind]);
  const pending = useMemo(() => queue.items.filter((item) => item.kind === kind.kind), [queue.items, kind.kind]);
  return { submit, pending, online: queue.online };
}
