/** Venue check-ins (场所码登记): residents check in and out by a venue's code on the portal, feeds and access gates are imported, day partitions are made ahead and dropped after the retention. */
import { CHECKIN_AUDIT_ACTIONS, CHECKIN_IMPORT_KIND, CHECKIN_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { checkinImport } from './import-checkins.js';
import { checkinRetention, makePartitionsAhead, partitionsJob } from './partitions.js';
import { checkinRoutes } from './routes.js';
import { identifiedAccount } from './check-in.js';

export { venueOverlaps, venueOverlapsMany, type OverlapQuery, type VenueOverlap } from './overlaps.js';
export { documentKey } from './person.js';

export const checkinsModule = defineModule({
  name: 'checkins',
  permissions: namesOf(CHECKIN_PERMISSIONS),
  auditActions: namesOf(CHECKIN_AUDIT_ACTIONS),
  errors: ['CHECKIN_VENUE_UNKNOWN', 'CHECKIN_NOT_OPEN', 'CHECKIN_PURPOSE_REQUIRED'],
  imports: { [CHECKIN_IMPORT_KIND]: checkinImport },
  retention: [checkinRetention],
  init: async (kit) => {
    // Today's partition and the next days' exist before the first check-in (the timer keeps them ahead).
    await makePartitionsAhead(kit.db, kit.clock.now(), kit.clock);
  },
  jobs: (kit) => [partitionsJob(kit)],
  reactions: [identifiedAccount],
  routes: checkinRoutes,
});
