/** The time source. Production uses the system clock; tests move a manual clock by hand. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** China Standard Time (UTC+8, no daylight saving) ahead of UTC. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The day (YYYY-MM-DD) in China of an instant, or of `daysBack` days before it. */
export function chinaDay(at: Date, daysBack = 0): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS - daysBack * 86_400_000).toISOString().slice(0, 10);
}

export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-11-23T08:00:00+08:00') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }
}
