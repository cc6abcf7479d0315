import type { JobQueue } from '../../platform/jobs/queue.js';
import type { FileStore } from '../../platform/files/store.js';
import type { RegisterDeps } from '../registers/deps.js';

/** What the export use-cases need besides the caller's context: the registers' deps and the job queue. */
export interface ExportDeps extends RegisterDeps {
  jobs: JobQueue;
  files: FileStore;
}
