/**
 * The watch list (布控名单, M7 智能感知) and the GA/T 1400 view library that feeds it: plates and ID
 * numbers kept as keyed hashes, matched against every face, person and vehicle capture pushed to
 * /VIID; a hit is a `device_alarm` (type `watchlist`) for the sensing filing job.
 */
import { WATCHLIST_AUDIT_ACTIONS, WATCHLIST_ERRORS, WATCHLIST_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { entryLabels } from './queries.js';
import { watchlistRoutes } from './routes.js';
import { WATCH_ENTRY_VISIBILITY } from './visibility.js';

export { storeCaptures, ALARM_PERIOD_MS, type CaptureType } from './captures.js';

export const watchlistModule = defineModule({
  name: 'watchlist',
  permissions: namesOf(WATCHLIST_PERMISSIONS),
  auditActions: namesOf(WATCHLIST_AUDIT_ACTIONS),
  errors: namesOf(WATCHLIST_ERRORS),
  records: { watch_entry: WATCH_ENTRY_VISIBILITY },
  // The audit log names an entry by its label and hint, never its value.
  auditLabels: { watch_entry: entryLabels },
  routes: watchlistRoutes,
});
