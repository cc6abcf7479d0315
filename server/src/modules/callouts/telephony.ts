/**
 * Telephony behind an interface: a provider places a call to a number with the campaign's prompts
 * and reports what happened (ringing, answered, busy, no answer, failed, keys pressed, hang-up)
 * through `handleCallEvent`, the same path the webhook of a real provider takes
 * (`POST /api/callouts/webhook`, shared secret).
 *
 * The local simulator (the demo's and the tests' provider) is deterministic: the outcome of an
 * attempt and the keys pressed follow from the campaign's seed, the number and the attempt, with
 * the configured rates of busy lines, unanswered and failed calls and the key weights per question.
 * It reports through durable jobs timed by the platform clock (ringing at once, the rest when the
 * simulated call ends), so a restart loses no event and the tests move time by hand.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CALLOUT_EVENT_TYPES, type CalloutEventType, type CalloutScript, type SimulatorSettings } from '@gridgov/contracts';
import { defineJob } from '../../platform/jobs/queue.js';
import type { Kit } from '../../platform/kit/kit.js';

export interface CallRequest {
  callId: string;
  /** The number in clear (decrypted for this call only; never stored by the module). */
  to: string;
  attempt: number;
  script: CalloutScript;
  /** The prompts' audio (FileStore keys; null when unsynthesized: a real provider would speak the text itself). */
  prompts: { key: string; text: string; fileKey: string | null }[];
  simulator: SimulatorSettings;
}

export interface TelephonyProvider {
  readonly name: string;
  place(call: CallRequest): Promise<void>;
}

export interface SimulatedEvent {
  type: CalloutEventType;
  digits?: string;
}

/** A number in [0, 1) from the seed, the number, the attempt and a purpose. */
function roll(seed: number, to: string, attempt: number, what: string): number {
  return createHash('sha256').update(`${seed}\0${to}\0${attempt}\0${what}`).digest().readUInt32BE(0) / 2 ** 32;
}

function pick(weights: [string, number][], r: number): string {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  if (total <= 0) return weights[0]![0];
  let acc = 0;
  for (const [k, w] of weights) {
    acc += w / total;
    if (r < acc) return k;
  }
  return weights[weights.length - 1]![0];
}

/** What the simulator's callee does on this attempt: the events in order and how long the call lasts (seconds). */
export function simulateCall(call: Pick<CallRequest, 'to' | 'attempt' | 'script' | 'simulator'>): { events: SimulatedEvent[]; seconds: number } {
  const s = call.simulator;
  const r = roll(s.seed, call.to, call.attempt, 'outcome');
  if (r < s.busyRate) return { events: [{ type: 'busy' }], seconds: 2 };
  if (r < s.busyRate + s.noAnswerRate) return { events: [{ type: 'ringing' }, { type: 'no_answer' }], seconds: s.ringSeconds * 3 };
  if (r < s.busyRate + s.noAnswerRate + s.failRate) return { events: [{ type: 'failed' }], seconds: 1 };
  const events: SimulatedEvent[] = [{ type: 'ringing' }, { type: 'answered' }];
  let seconds = s.ringSeconds;
  for (const q of call.script.questions) {
    if (roll(s.seed, call.to, call.attempt, `repeat:${q.key}`) < s.repeatRate) {
      events.push({ type: 'dtmf', digits: call.script.repeatKey });
      seconds += s.answerSeconds;
    }
    const weights = s.keyWeights[q.key];
    const options: [string, number][] = q.options.map((o) => [o.key, weights ? (weights[o.key] ?? 0) : 1]);
    events.push({ type: 'dtmf', digits: pick(options, roll(s.seed, call.to, call.attempt, `key:${q.key}`)) });
    seconds += s.answerSeconds;
  }
  events.push({ type: 'hangup' });
  return { events, seconds: seconds + s.answerSeconds };
}

export const SIM_EVENTS_JOB = {
  name: 'callout.simulator_events',
  payload: z.object({ callId: z.string(), events: z.array(z.object({ type: z.enum(CALLOUT_EVENT_TYPES), digits: z.string().optional() })) }),
};

/** The simulator: events queued as durable jobs (ringing now, the rest when the call ends by the platform clock). */
export class SimulatorProvider implements TelephonyProvider {
  readonly name = 'simulator';
  constructor(private readonly kit: Pick<Kit, 'db' | 'jobs' | 'clock'>) {}

  async place(call: CallRequest): Promise<void> {
    const { events, seconds } = simulateCall(call);
    const now = this.kit.clock.now();
    const first = events[0]!.type === 'ringing' ? [events.shift()!] : [];
    if (first.length) await this.kit.jobs.enqueue(this.kit.db, SIM_EVENTS_JOB, { callId: call.callId, events: first }, { runAt: now, singletonKey: `sim:${call.callId}:ring` });
    await this.kit.jobs.enqueue(this.kit.db, SIM_EVENTS_JOB, { callId: call.callId, events }, { runAt: new Date(now.getTime() + seconds * 1000), singletonKey: `sim:${call.callId}:end` });
  }
}

/** The simulator's job: each event through the same handler as the webhook. */
export const simulatorEventsJob = (kit: Kit, handle: (kit: Kit, event: { callId: string; type: CalloutEventType; digits?: string }, via: string) => Promise<unknown>) =>
  defineJob({
    ...SIM_EVENTS_JOB,
    async handle(p) {
      for (const e of p.events) await handle(kit, { callId: p.callId, type: e.type, ...(e.digits ? { digits: e.digits } : {}) }, 'simulator');
    },
  });
