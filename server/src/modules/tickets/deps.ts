import type { Db } from '../../platform/db/client.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { kitService } from '../../platform/kit/kit.js';
import type { PiiVault } from '../../platform/pii/vault.js';
import { gridLocator, type GridLocator } from '../grids/grid-index.js';
import { CategoryCache } from './categories.js';
import { categorySuggester } from './category-suggester.js';
import { DuplicateFinder } from './check-intake.js';
import { IntakeWriter } from './intake-ticket.js';

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

/** The closed loop's services of one running process. */
export const ticketDeps = kitService(
  (kit): TicketDeps => ({
    db: kit.db,
    vault: kit.vault,
    jobs: kit.jobs,
    locator: gridLocator(kit),
    suggester: categorySuggester(kit),
    categories: new CategoryCache(kit.db),
    duplicates: new DuplicateFinder(kit.db),
    writer: new IntakeWriter(kit.db),
    reopenDays: kit.config.reopenDays,
  }),
);
