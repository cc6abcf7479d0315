/** Admission control's classes and limits (configuration; the mechanism is admission.ts). */
import { DEFAULT_ADAPTIVE, type AdaptiveSettings } from './adaptive-limit.js';

export const TRAFFIC_CLASSES = ['sign-in', 'console', 'intake', 'jobs'] as const;
export type TrafficClass = (typeof TRAFFIC_CLASSES)[number];

export interface AdmissionLimits {
  /** In-flight requests (and jobs) at most, all classes together; 0 turns admission control off. */
  maxInFlight: number;
  /** Slots only this class may use (their sum must leave some shared). */
  reserve: Record<TrafficClass, number>;
  /** Requests of one class that may wait for a slot. */
  queueLength: number;
  /** The longest a request waits for a slot. */
  queueMs: number;
  /**
   * The longest a report (the intake class) waits for a slot: its latency budget is short, and a
   * report refused at once with a Retry-After is better than one answered late.
   */
  intakeQueueMs: number;
  /** Under a standing queue, the longest a request may have waited and still be served. */
  targetMs: number;
  /** `Retry-After` of a shed request, in seconds. */
  retryAfterSeconds: number;
  /**
   * The shared slots adapt to the latency they cause (adaptive-limit.ts): `maxInFlight` less the
   * reserves is then their ceiling. Absent or null: a static limit.
   */
  adaptive?: AdaptiveSettings | null;
}

// Measured with `npm run bench -- intake --overload` (docs/benchmarks.md, 2026-12-05): six shared
// slots and a 25 ms wait for reports keep accepted reports' p99 under 50 ms at twice capacity on 2 cores.
export const DEFAULT_ADMISSION: AdmissionLimits = {
  maxInFlight: 14,
  reserve: { 'sign-in': 2, console: 4, intake: 0, jobs: 2 },
  queueLength: 32,
  queueMs: 100,
  intakeQueueMs: 25,
  targetMs: 10,
  retryAfterSeconds: 2,
  adaptive: DEFAULT_ADAPTIVE,
};

