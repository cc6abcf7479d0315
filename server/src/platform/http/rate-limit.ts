/**
 * A fixed-window counter per key (an address, a client), in this process's memory. Enough to
 * stop floods of anonymous reports; with several processes each counts its own share.
 */
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';

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
