/**
 * The admission controller alone: the shared slots and each class's reserve, the bounded queue,
 * the queue's time limit and the standing-queue rule, and the jobs that wait but are never shed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Admission, Overloaded, type AdmissionLimits } from './admission.js';

const limits = (over: Partial<AdmissionLimits> = {}): AdmissionLimits => ({
  maxInFlight: 6,
  reserve: { 'sign-in': 1, console: 2, intake: 0, jobs: 1 },
  queueLength: 2,
  queueMs: 50,
  intakeQueueMs: 50,
  targetMs: 5,
  retryAfterSeconds: 2,
  ...over,
});

const shedReason = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'admitted';
  } catch (error) {
    assert.ok(error instanceof Overloaded);
    return error.reason;
  }
};

describe('admission control', () => {
  it('gives intake only the shared slots and keeps each reserve for its class', async () => {
    const a = new Admission(limits({ queueMs: 5000 }));
    // Shared: 6 - (1 + 2 + 1) = 2.
    const intake = [await a.acquire('intake'), await a.acquire('intake')];
    // A third intake request waits (queue), the fifth finds the queue full.
    const waiting = [a.acquire('intake'), a.acquire('intake')];
    assert.equal(await shedReason(a.acquire('intake')), 'queue_full');
    // The reserves are still there: sign-in 1, console 2, jobs 1.
    const signIn = await a.acquire('sign-in');
    const console1 = await a.acquire('console');
    const console2 = await a.acquire('console');
    const job = await a.acquire('jobs', 'always');
    assert.deepEqual(a.state().inFlight, { 'sign-in': 1, console: 2, intake: 2, jobs: 1 });
    // The console past its reserve waits like anyone for a shared slot.
    const third = a.acquire('console');
    assert.equal(a.state().queued.console, 1);
    // A freed intake slot goes to the console first (priority), then to intake.
    intake[0]!();
    await third;
    assert.equal(a.state().inFlight.console, 3);
    intake[1]!();
    await waiting[0];
    assert.equal(a.state().inFlight.intake, 1);
    for (const release of [signIn, console1, console2, job]) release();
    await waiting[1];
    assert.deepEqual(a.state(), { inFlight: { 'sign-in': 0, console: 1, intake: 2, jobs: 0 }, queued: { 'sign-in': 0, console: 0, intake: 0, jobs: 0 } });
    const text = a.render().join('\n');
    assert.match(text, /gridgov_admission_shed_total\{class="intake",reason="queue_full"\} 1/);
    assert.match(text, /gridgov_admission_in_flight\{class="intake"\} 2/);
  });

  it('sheds a request that waited past the queue time, and the stale ones of a standing queue', async () => {
    let now = 0;
    const a = new Admission(limits({ maxInFlight: 5, queueLength: 10 }), () => now);
    const held = [await a.acquire('intake')];
    // Timed out in the queue (real timer of queueMs).
    assert.equal(await shedReason(a.acquire('intake')), 'queue_timeout');
    // A standing queue: non-empty for longer than queueMs when a slot frees.
    const first = a.acquire('intake');
    now = 20;
    const second = a.acquire('intake');
    now = 60;
    const third = a.acquire('intake');
    now = 61;
    held[0]!();
    // The oldest two waited 61 and 41 ms (> targetMs under a standing queue): shed; the newest waited 1 ms: served.
    assert.equal(await shedReason(first), 'standing_queue');
    assert.equal(await shedReason(second), 'standing_queue');
    assert.equal(await shedReason(third), 'admitted');
  });

  it('serves a burst that finds the queue short-lived, without shedding', async () => {
    let now = 0;
    const a = new Admission(limits({ maxInFlight: 5 }), () => now);
    const held = await a.acquire('intake');
    const queued = a.acquire('intake');
    now = 30; // waited 30 ms, more than the target, but the queue has stood for less than queueMs
    held();
    assert.equal(await shedReason(queued), 'admitted');
  });

  it('lets jobs wait as long as it takes, never shed', async () => {
    const a = new Admission(limits({ maxInFlight: 5, queueMs: 1 }));
    const holds = [await a.acquire('jobs', 'always'), await a.acquire('jobs', 'always')];
    const third = a.acquire('jobs', 'always');
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(a.state().queued.jobs, 1);
    holds[0]!();
    await third;
    assert.equal(a.state().inFlight.jobs, 2);
  });

  it('is off with a limit of 0, and refuses reserves that leave nothing shared', async () => {
    const off = new Admission(limits({ maxInFlight: 0 }));
    for (let i = 0; i < 100; i++) await off.acquire('intake');
    assert.equal(off.state().inFlight.intake, 0);
    assert.throws(() => new Admission(limits({ maxInFlight: 4 })), /reserves/);
  });

  it('adapts the shared limit: shrinks it when the service time or the event loop delay passes its target, grows it back when the limit held requests back, and keeps the reserves', async () => {
    let now = 0;
    let loopP99 = 0;
    const loop = { takeP99: () => loopP99, stop: () => undefined };
    const settings = { latencyTargetMs: 20, loopDelayTargetMs: 20, minLimit: 1, windowMs: 100, backoff: 0.5 };
    // 12 in flight at most; reserves 1 + 2 + 1: 8 shared slots to begin with.
    const a = new Admission(limits({ maxInFlight: 12, queueLength: 0, adaptive: settings }), () => now, loop);
    assert.equal(a.adaptive?.limit, 8);
    // A window of slow requests (60 ms each): the limit halves, then halves again.
    for (const step of [1, 2]) {
      const slow = await Promise.all(Array.from({ length: 4 }, () => a.acquire('intake')));
      now += 60;
      for (const release of slow) release();
      now += 100;
      assert.equal(a.adaptive.limit, step === 1 ? 4 : 2, `after slow window ${step}`);
    }
    assert.equal(a.adaptive.last.congested, true);
    // Two shared slots now: a third intake request is shed at once (no queue here)...
    const two = [await a.acquire('intake'), await a.acquire('intake')];
    assert.equal(await shedReason(a.acquire('intake')), 'queue_full');
    // ...while sign-in, the console and the jobs still find their reserves.
    const reserved = [await a.acquire('sign-in'), await a.acquire('console'), await a.acquire('console'), await a.acquire('jobs')];
    for (const release of reserved) release();
    // Fast requests while the limit is full: one slot more a window.
    now += 5;
    for (const release of two) release();
    now += 100;
    for (const k of [3, 4, 5]) {
      assert.equal(a.adaptive.limit, k);
      const held = await Promise.all(Array.from({ length: k }, () => a.acquire('intake')));
      assert.equal(await shedReason(a.acquire('intake')), 'queue_full');
      now += 5;
      for (const release of held) release();
      now += 100;
    }
    assert.equal(a.adaptive.limit, 6);
    // A lagging event loop is congestion too, whatever the service time.
    const before = a.adaptive.limit;
    loopP99 = 45;
    const quick = await a.acquire('intake');
    now += 2;
    quick();
    now += 100;
    assert.equal(a.adaptive.limit, Math.max(1, Math.floor(before * 0.5)));
    assert.equal(a.adaptive.last.loopP99Ms, 45);
    assert.match(a.render().join('\n'), /gridgov_admission_shared_limit \d+/);
  });
});
