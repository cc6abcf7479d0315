/**
 * The adaptive part of admission control: how many shared slots (admission.ts) may be in use now.
 *
 * A static limit is right on one machine at one load and wrong on the next: with 16 slots and a
 * database that needs 40 ms of CPU a report, 16 reports in flight take 400 ms each (Little's law)
 * although every one of them was "admitted". And a request's wait does not all happen in the
 * admission queue: when the process is saturated, requests wait before Fastify sees them at all
 * (the event loop, the socket backlog), where no queue timeout can shed them.
 *
 * So the shared limit follows the latency it causes, AIMD as in TCP congestion control (and
 * Netflix's concurrency-limits `AIMDLimit`), with latency as the congestion signal (as in its
 * Gradient limits): every `windowMs` the window's samples are judged,
 * - congested: the 90th percentile of the admitted requests' service time (slot taken to slot
 *   given back) above `latencyTargetMs`, or the event loop's delay (perf_hooks'
 *   `monitorEventLoopDelay`: how late the loop runs what is due, i.e. how long a request that
 *   arrived waits before onRequest) at its 99th percentile above `loopDelayTargetMs`:
 *   the limit is multiplied by `backoff` (0.75), never under `minLimit`;
 * - otherwise, when the limit was reached in the window (it was what held requests back): one
 *   slot more, never over the configured maximum.
 * A window with neither samples nor a full limit leaves it as it is.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface AdaptiveSettings {
  /** Service time (90th percentile, ms) above which the shared limit shrinks. */
  latencyTargetMs: number;
  /** Event-loop delay (99th percentile, ms) above which the shared limit shrinks. */
  loopDelayTargetMs: number;
  /** The shared slots at least. */
  minLimit: number;
  /** How often the limit is reconsidered (ms). */
  windowMs: number;
  /** The factor of a decrease. */
  backoff: number;
}

export const DEFAULT_ADAPTIVE: AdaptiveSettings = { latencyTargetMs: 25, loopDelayTargetMs: 20, minLimit: 1, windowMs: 250, backoff: 0.75 };

/** The event loop's delay, measured by perf_hooks, read once per window. */
export interface LoopDelay {
  /** The 99th percentile since the last read (ms); resets. */
  takeP99(): number;
  stop(): void;
}

export function eventLoopDelay(resolutionMs = 10): LoopDelay {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  return {
    takeP99() {
      // The histogram counts the timer's lateness plus its own resolution: take the latter off.
      const p99 = histogram.count > 0 ? Math.max(0, histogram.percentile(99) / 1e6 - resolutionMs) : 0;
      histogram.reset();
      return p99;
    },
    stop: () => histogram.disable(),
  };
}

export class AdaptiveLimit {
  private current: number;
  private windowStart: number;
  private samples: number[] = [];
  private reachedLimit = false;
  /** The last window's figures (for /metrics and the tests). */
  last = { p90Ms: 0, loopP99Ms: 0, congested: false };
  decreases = 0;

  constructor(
    readonly max: number,
    readonly settings: AdaptiveSettings,
    private readonly now: () => number,
    private readonly loop: LoopDelay | null,
  ) {
    this.current = max;
    this.windowStart = now();
  }

  /** The shared slots usable now. */
  get limit(): number {
    this.tick();
    return Math.max(this.settings.minLimit, Math.min(this.max, Math.floor(this.current)));
  }

  /** Admission found the limit full (a request waits or is shed because of it). */
  noteLimitReached(): void {
    this.reachedLimit = true;
  }

  /** One admitted request's service time, from taking its slot to giving it back. */
  observe(serviceMs: number): void {
    this.samples.push(serviceMs);
    this.tick();
  }

  private tick(): void {
    const now = this.now();
    if (now - this.windowStart < this.settings.windowMs) return;
    this.windowStart = now;
    const samples = this.samples;
    this.samples = [];
    const loopP99Ms = this.loop?.takeP99() ?? 0;
    let p90Ms = 0;
    if (samples.length > 0) {
      samples.sort((a, b) => a - b);
      p90Ms = samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.9))]!;
    }
    const congested = p90Ms > this.settings.latencyTargetMs || loopP99Ms > this.settings.loopDelayTargetMs;
    this.last = { p90Ms, loopP99Ms, congested };
    if (congested) {
      this.current = Math.max(this.settings.minLimit, this.current * this.settings.backoff);
      this.decreases++;
    } else if (this.reachedLimit) this.current = Math.min(this.max, Math.floor(this.current) + 1);
    this.reachedLimit = false;
  }

  stop(): void {
    this.loop?.stop();
  }
}
