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

export class LiveHub extends EventEmitter<{ event: [LiveEvent] }> {
  private unlisten: (() => Promise<void>) | null = null;

  async start(database: Database): Promise<void> {
    this.setMaxListeners(0);
    this.unlisten = await database.listen(LIVE_CHANNEL, (payload) => {
      try {
        this.emit('event', JSON.parse(payload) as LiveEvent);
      } catch (error) {
        console.error('live: bad payload', error);
      }
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = null;
    this.removeAllListeners();
  }
}
