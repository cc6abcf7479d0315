/**
 * The offline queue's storage: IndexedDB on the phone (survives a reload, a closed tab, a restart),
 * one object store of submissions with their files as blobs, indexed by owner. A submission
 * belongs to the account that made it: every read and delete names the owner.
 */
export interface QueuedFile {
  name: string;
  type: string;
  blob: Blob;
}

export type SubmissionState =
  /** Waiting for the network (or the next attempt). */
  | 'waiting'
  | 'sending'
  /** The server refused it: its message stays with it until fixed or discarded. */
  | 'refused';

export interface QueuedSubmission<P = unknown> {
  /** Client-generated; the server's idempotency key (`<id>.submit`, `<id>.file-<n>`). */
  id: string;
  /** The user id of the account that made it. */
  owner: string;
  /** Which kind of submission (`ticket.report`, a visit log, a survey answer). */
  kind: string;
  payload: P;
  files: QueuedFile[];
  /** One line to recognise it in the list. */
  summary: string;
  state: SubmissionState;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  error?: { code: string; message: string; fields: string[] };
}

const DB_NAME = 'gridgov-offline';
const STORE = 'submissions';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'id' });
      store.createIndex('owner', 'owner');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB is unavailable'));
    };
  });
  return opening;
}

function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = work(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
      }),
  );
}

export const submissionStore = {
  async list(owner: string): Promise<QueuedSubmission[]> {
    const all = await run<QueuedSubmission[]>('readonly', (s) => s.index('owner').getAll(owner) as IDBRequest<QueuedSubmission[]>);
    return all.sort((a, b) => a.createdAt - b.createdAt);
  },
  async get(owner: string, id: string): Promise<QueuedSubmission | null> {
    const found = await run<QueuedSubmission | undefined>('readonly', (s) => s.get(id) as IDBRequest<QueuedSubmission | undefined>);
    return found && found.owner === owner ? found : null;
  },
  async put(item: QueuedSubmission): Promise<void> {
    await run('readwrite', (s) => s.put(item));
  },
  async remove(owner: string, id: string): Promise<void> {
    if (!(await submissionStore.get(owner, id))) return;
    await run('readwrite', (s) => s.delete(id));
  },
  /** Everything of one account (its sign-out, after the warning). */
  async clear(owner: string): Promise<void> {
    const ids = (await submissionStore.list(owner)).map((item) => item.id);
    await run('readwrite', (s) => {
      let last: IDBRequest<undefined> = s.delete(IDBKeyRange.only('\u0000none'));
      for (const id of ids) last = s.delete(id);
      return last;
    });
  },
};
