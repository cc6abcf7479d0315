/**
 * Admission control: past its capacity the server refuses work early (503 `OVERLOADED` with a
 * `Retry-After`) instead of queueing it until every answer is late.
 *
 * A concurrency limit with a short bounded queue, shared by classes of traffic:
 * - `sign-in`: `/api/auth/*` (sign-in, the session, sign-out);
 * - `console`: the signed-in console's requests (lists, details, dispatch, the dashboard);
 * - `intake`: reports (routes that declare `config.admission: 'intake'`, Open311) and every
 *   anonymous request;
 * - `jobs`: the job worker's jobs and timers (they wait for a slot, never shed).
 * `/health/*` and `/metrics` are outside it: an operator must see the state of a server that is
 * shedding.
 *
 * Each class has a reserve of slots that only it may use; the rest of the limit is shared, first
 * come first served. So an intake flood fills the shared slots and its own queue, while sign-in,
 * the console and the timers still find their reserved slots free.
 *
 * The queue is CoDel-like (Facebook's "adaptive" queue): a request that finds no slot waits at
 * most `queueMs` (a report: `intakeQueueMs`, shorter); once a class's queue has not been empty for that long (a standing queue, i.e.
 * overload rather than a burst), a request taken from it that waited longer than `targetMs` is
 * shed instead of served, so the queue drains to a short one and the latency of what is served
 * stays near its service time.
 *
 * The shared slots are adaptive (adaptive-limit.ts, on by default): their number follows the
 * service time of what is admitted and the event loop's delay (AIMD), between one and
 * `maxInFlight` less the reserves, and a report waits in the queue at most the latency target.
 * The reserves stay as they are: sign-in, the console and the timers keep their share however
 * small the shared limit becomes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/sessions.js';
import { sendError } from './error-handler.js';
import { Counter, renderGauge, type GaugeFamily } from '../observability/prometheus.js';
import { TRAFFIC_CLASSES, type AdmissionLimits, type TrafficClass } from './admission-limits.js';
import { AdaptiveLimit, eventLoopDelay, type LoopDelay } from './adaptive-limit.js';

export { DEFAULT_ADMISSION, TRAFFIC_CLASSES, type AdmissionLimits, type TrafficClass } from './admission-limits.js';

/** Which queue is served first when a slot frees. */
const PRIORITY: readonly TrafficClass[] = ['jobs', 'sign-in', 'console', 'intake'];

export type ShedReason = 'queue_full' | 'queue_timeout' | 'standing_queue';

export class Overloaded extends Error {
  constructor(readonly reason: ShedReason) {
    super(`overloaded: ${reason}`);
  }
}

interface Waiter {
  since: number;
  resolve: () => void;
  reject: (error: Overloaded) => void;
  timer: NodeJS.Timeout | null;
}

const zero = (): Record<TrafficClass, number> => ({ 'sign-in': 0, console: 0, intake: 0, jobs: 0 });

export class Admission {
  private readonly inFlight = zero();
  private readonly queues: Record<TrafficClass, Waiter[]> = { 'sign-in': [], console: [], intake: [], jobs: [] };
  /** Since when each class's queue has been non-empty (performance.now), or null when empty. */
  private readonly busySince: Record<TrafficClass, number | null> = { 'sign-in': null, console: null, intake: null, jobs: null };
  private readonly shared: number;
  /** The adaptive shared limit, or null for a static one. */
  readonly adaptive: AdaptiveLimit | null;
  /** How long a report may wait for a slot: under the adaptive limit, at most its latency target. */
  private readonly intakeWaitMs: number;
  readonly shed = new Counter('gridgov_admission_shed_total', 'Requests refused by admission control (503 OVERLOADED), by traffic class and reason');
  readonly admitted = new Counter('gridgov_admission_admitted_total', 'Requests and jobs admitted, by traffic class and whether they waited in the queue');

  /** `loop`: the event loop's delay (default: measured with perf_hooks when adaptive; tests give their own or null). */
  constructor(
    readonly limits: AdmissionLimits,
    private readonly now: () => number = () => performance.now(),
    loop?: LoopDelay | null,
  ) {
    const reserved = TRAFFIC_CLASSES.reduce((sum, c) => sum + limits.reserve[c], 0);
    if (limits.maxInFlight > 0 && reserved >= limits.maxInFlight) {
      throw new Error(`Admission control: the reserves (${reserved}) must leave shared slots under the limit of ${limits.maxInFlight}`);
    }
    this.shared = limits.maxInFlight - reserved;
    const settings = limits.maxInFlight > 0 ? limits.adaptive ?? null : null;
    this.adaptive = settings ? new AdaptiveLimit(this.shared, settings, now, loop === undefined ? eventLoopDelay() : loop) : null;
    this.intakeWaitMs = settings ? Math.min(limits.intakeQueueMs, settings.latencyTargetMs) : limits.intakeQueueMs;
  }

  /** How long a request of the class may wait for a slot (also how long a queue must stay to be standing). */
  private waitMs(c: TrafficClass): number {
    return c === 'intake' ? this.intakeWaitMs : this.limits.queueMs;
  }

  /** Stops measuring the event loop (the server is closing). */
  close(): void {
    this.adaptive?.stop();
  }

  get enabled(): boolean {
    return this.limits.maxInFlight > 0;
  }

  /** The shared slots in use: what each class holds beyond its reserve. */
  private sharedInUse(): number {
    let used = 0;
    for (const c of TRAFFIC_CLASSES) used += Math.max(0, this.inFlight[c] - this.limits.reserve[c]);
    return used;
  }

  private fits(c: TrafficClass): boolean {
    if (this.inFlight[c] < this.limits.reserve[c]) return true;
    if (this.sharedInUse() < (this.adaptive ? this.adaptive.limit : this.shared)) return true;
    this.adaptive?.noteLimitReached();
    return false;
  }

  /**
   * Takes a slot for one request (or job) of the class, waiting in its queue if need be; throws
   * `Overloaded` when it is shed. `wait: 'always'` (jobs) waits as long as it takes, never shed.
   * The returned function gives the slot back (call it once).
   */
  async acquire(c: TrafficClass, wait: 'bounded' | 'always' = 'bounded'): Promise<() => void> {
    if (!this.enabled) return () => undefined;
    if (this.queues[c].length === 0 && this.fits(c)) {
      this.inFlight[c]++;
      this.admitted.inc({ class: c, queued: 'no' });
      return this.releaser(c, this.now());
    }
    if (wait === 'bounded' && this.queues[c].length >= this.limits.queueLength) {
      this.shed.inc({ class: c, reason: 'queue_full' });
      throw new Overloaded('queue_full');
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { since: this.now(), resolve, reject, timer: null };
      if (wait === 'bounded') {
        waiter.timer = setTimeout(() => {
          const queue = this.queues[c];
          const at = queue.indexOf(waiter);
          if (at < 0) return;
          queue.splice(at, 1);
          if (queue.length === 0) this.busySince[c] = null;
          this.shed.inc({ class: c, reason: 'queue_timeout' });
          reject(new Overloaded('queue_timeout'));
        }, this.waitMs(c));
      }
      if (this.queues[c].length === 0) this.busySince[c] = this.now();
      this.queues[c].push(waiter);
    });
    this.admitted.inc({ class: c, queued: 'yes' });
    return this.releaser(c, this.now());
  }

  private releaser(c: TrafficClass, since: number): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight[c]--;
      // The service times of intake and the console steer the adaptive limit; a job's (an import
      // of minutes) or a sign-in's (password hashing, slow by design) would not say anything about it.
      if (c === 'intake' || c === 'console') this.adaptive?.observe(this.now() - since);
      this.dispatch();
    };
  }

  /** Hands freed slots to the waiting requests, by class priority, shedding the stale ones of a standing queue. */
  private dispatch(): void {
    for (const c of PRIORITY) {
      const queue = this.queues[c];
      while (queue.length > 0 && this.fits(c)) {
        const waiter = queue.shift()!;
        const now = this.now();
        const standing = this.busySince[c] !== null && now - this.busySince[c]! > this.waitMs(c);
        if (queue.length === 0) this.busySince[c] = null;
        if (waiter.timer) clearTimeout(waiter.timer);
        if (waiter.timer && standing && now - waiter.since > this.limits.targetMs) {
          this.shed.inc({ class: c, reason: 'standing_queue' });
          waiter.reject(new Overloaded('standing_queue'));
          continue;
        }
        this.inFlight[c]++;
        waiter.resolve();
      }
    }
  }

  state(): { inFlight: Record<TrafficClass, number>; queued: Record<TrafficClass, number> } {
    const queued = zero();
    for (const c of TRAFFIC_CLASSES) queued[c] = this.queues[c].length;
    return { inFlight: { ...this.inFlight }, queued };
  }

  /** Prometheus blocks for /metrics. */
  render(): string[] {
    const { inFlight, queued } = this.state();
    const perClass = (values: Record<TrafficClass, number>) => TRAFFIC_CLASSES.map((c) => ({ labels: { class: c }, value: values[c] }));
    const gauges: GaugeFamily[] = [
      { name: 'gridgov_admission_in_flight', help: 'Requests (and jobs) being served, by traffic class', samples: perClass(inFlight) },
      { name: 'gridgov_admission_queued', help: 'Requests waiting for a slot, by traffic class', samples: perClass(queued) },
      { name: 'gridgov_admission_reserved', help: 'Slots reserved for each traffic class', samples: perClass(this.limits.reserve) },
      { name: 'gridgov_admission_limit', help: 'In-flight requests and jobs at most, all classes together (0: admission control off)', samples: [{ value: this.limits.maxInFlight }] },
    ];
    if (this.adaptive) {
      const adaptive = this.adaptive;
      gauges.push(
        { name: 'gridgov_admission_shared_limit', help: 'Shared slots usable now (adaptive: follows the service time and the event loop delay)', samples: [{ value: adaptive.limit }] },
        { name: 'gridgov_admission_service_p90_seconds', help: 'Service time of admitted requests, 90th percentile of the last window', samples: [{ value: adaptive.last.p90Ms / 1000 }] },
        { name: 'gridgov_admission_event_loop_delay_p99_seconds', help: 'Event loop delay, 99th percentile of the last window', samples: [{ value: adaptive.last.loopP99Ms / 1000 }] },
      );
    }
    return [this.shed.render(), this.admitted.render(), ...gauges.map(renderGauge)];
  }
}

const SESSION_COOKIE_PATTERN = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=[^;]`);

/** The traffic class of an HTTP request, or null for what admission control leaves alone. */
export function classify(request: FastifyRequest): TrafficClass | null {
  const url = request.url;
  if (url.startsWith('/health/') || url === '/metrics' || url.startsWith('/metrics?')) return null;
  const declared = request.routeOptions.config?.admission;
  if (declared) return declared === 'exempt' ? null : declared;
  if (url.startsWith('/api/auth/')) return 'sign-in';
  if (url.startsWith('/open311/')) return 'intake';
  // A cookie anyone can forge: a flood that sends one reaches the console's share (never the
  // sign-in's or the timers'), and each such request is refused at once by the session check.
  // (The header is read as it came: the hook runs before the cookie parser.)
  if (url.startsWith('/api/') && SESSION_COOKIE_PATTERN.test(request.headers.cookie ?? '')) return 'console';
  return 'intake';
}

const slots = new WeakMap<FastifyRequest, () => void>();

/**
 * The hooks: onRequest takes a slot for the request (or answers 503 OVERLOADED with a
 * Retry-After); onResponse gives it back, and so does the connection closing first (a client
 * that gave up).
 */
export function admissionHooks(admission: Admission) {
  return {
    async onRequest(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      if (!admission.enabled) return;
      const c = classify(request);
      if (!c) return;
      let release: () => void;
      try {
        release = await admission.acquire(c);
      } catch (error) {
        if (!(error instanceof Overloaded)) throw error;
        void reply.header('retry-after', String(admission.limits.retryAfterSeconds));
        sendError(request, reply, 'OVERLOADED', { class: c, reason: error.reason });
        return reply;
      }
      slots.set(request, release);
      // A client that gave up while queued: its connection has closed already, no 'close' will come.
      if (reply.raw.destroyed || request.raw.destroyed) return release();
      reply.raw.once('close', release);
    },
    onResponse(request: FastifyRequest, _reply: FastifyReply, done: () => void): void {
      slots.get(request)?.();
      done();
    },
  };
}
