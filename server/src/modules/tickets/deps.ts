import type { CategoryCache } from './categories.js';
import type { DuplicateFinder } from './check-intake.js';
import type { IntakeWriter } from './intake-ticket.js';
import type { Db } from '../../platform/db/client.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import type { PiiVault } from '../../platform/pii/vault.js';
import type { GridLocator } from '../grids/grid-index.js';

/** Suggests categories from a ticket's text and learns from closed tickets. */
export interface CategorySuggester {
  suggest(text: string, k: number): { code: string; probability: number }[];
  /** In memory, after the close has committed; saved by a recurring job. */
  learn(text: string, code: string): void;
}

export interface TicketDeps {
  db: Db;
  vault: PiiVault;
  jobs: JobQueue;
  locator: GridLocator;
  suggester: CategorySuggester;
  categories: CategoryCache;
  duplicates: DuplicateFinder;
  writer: IntakeWriter;
  /** How long after closing the reporter may reopen, in days. */
  reopenDays: number;
}
