/** The time source. Production uses the system clock; tests move a manual clock by hand. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };


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
