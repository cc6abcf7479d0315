/**
 * A fixed-window counter per key (an address, a client), in this process's memory. Enough to
 * stop floods of anonymous reports; with several processes each counts its own share.
 */
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { rows, type Db } from '../db/client.js';
import { AppError } from '../errors.js';
import type { ErrorCode } from '@gridgov/contracts';

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Counts one hit for the key; throws RATE_LIMITED (429) when it is over the limit. */
  hit(key: string): void {
    const now = this.clock.now().getTime();
    const current = this.windows.get(key);
    if (!current || now - current.start >= this.windowMs) {
      if (this.windows.size > 100_000) this.prune(now);
      this.windows.set(key, { start: now, count: 1 });
      return;
    }
    current.count++;
    if (current.count > this.limit) throw new AppError('RATE_LIMITED', { retryAfterSeconds: Math.ceil((current.start + this.windowMs - now) / 1000) });
  }

  private prune(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }
}

/**
 * The same fixed window, counted in the database so that every process of a deployment counts the
 * same hits (an anonymous write that must hold across a fleet: the portal's declarations and
 * questions). One upsert per hit; keys name the limit (`declarations.ip:`), then an address or a
 * keyed hash, never a plain personal value. Each limit sweeps its own old windows.
 */
export class SharedRateLimiter {
  private lastSweep = 0;

  constructor(
    private readonly db: Db,
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
    private readonly code: ErrorCode = 'RATE_LIMITED',
  ) {}

  /** Counts one hit for the key; throws the limiter's code (RATE_LIMITED, 429) when it is over the limit. */
  async hit(key: string): Promise<void> {
    if (this.limit <= 0) return;
    const now = this.clock.now().getTime();
    const start = new Date(now - (now % this.windowMs));
    const [row] = await rows<{ hits: number }>(
      this.db,
      sql`insert into rate_counter (key, window_start, hits) values (${`${this.name}:${key}`}, ${start}, 1)
          on conflict (key, window_start) do update set hits = rate_counter.hits + 1 returning hits`,
    );
    if (now - this.lastSweep > this.windowMs) {
      this.lastSweep = now;
      await this.db.execute(sql`delete from rate_counter where key like ${`${this.name}:%`} and window_start < ${new Date(start.getTime() - this.windowMs)}`);
    }
    if (Number(row?.hits ?? 0) > this.limit) throw new AppError(this.code, { retryAfterSeconds: Math.ceil((start.getTime() + this.windowMs - now) / 1000) });
  }
}
