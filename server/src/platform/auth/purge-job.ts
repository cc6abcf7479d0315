/** A daily timer that removes sessions which ended more than 30 days ago. */
import { z } from 'zod';
import { defineJob } from '../jobs/queue.js';
import { purgeSessions } from './sessions.js';

export const sessionPurgeJob = defineJob({
  name: 'sessions.purge',
  payload: z.object({}),
  repeatEveryMs: 86_400_000,
  handle: (_payload, { db, clock }) => purgeSessions(db, clock.now()),
});
