/**
 * Live updates: a change publishes an event with pg_notify inside its transaction, so it is
 * sent only if the change commits, and every API process (LISTEN) passes it on to the browsers
 * whose scope holds the event's region.
 */
import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { LiveEvent } from '@gridgov/contracts';
import type { Database, Db } from '../db/client.js';

export type { LiveEvent };
export type { RecordScope } from '../scope.js';

export const LIVE_CHANNEL = 'gridgov_live';

export async function publishLive(tx: Db, event: LiveEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`);
}

/** Many events in one statement (a batch job's changes), each as `publishLive` would send it. */
export async function publishLiveMany(tx: Db, events: readonly LiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  const payloads = events.map((e) => JSON.stringify(e));
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, p) from unnest(${sql`array[${sql.join(payloads.map((p) => sql`${p}`), sql`, `)}]::text[]`}) p`);
}

/**
 * `event`: a live event. `resync`: the channel came back after a lost database connection;
 * events of the gap are lost, so caches fed by events (the grid index, sessions) start over.
 */
export class LiveHub extends EventEmitter<{ event: [LiveEvent]; resync: [] }> {
  private unlisten: (() => Promise<void>) | null = null;
  /** Live-feed streams open on this process (for /metrics). */
  streams = 0;

  async start(database: Database): Promise<void> {
    this.setMaxListeners(0);
    this.unlisten = await database.listen(
      LIVE_CHANNEL,
      (payload) => {
        try {
          this.emit('event', JSON.parse(payload) as LiveEvent);
        } catch (error) {
          console.error('live: bad payload', error);
        }
      },
      () => this.emit('resync'),
    );
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = null;
    this.removeAllListeners();
  }
}
