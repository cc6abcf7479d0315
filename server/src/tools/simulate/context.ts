/** What every simulated device shares: its protocol's tally, the random source and clock, and a voice. */
import type { Random } from './messages.js';
import type { ProtocolTally } from './tally.js';

export interface DeviceContext {
  tally: ProtocolTally;
  random: Random;
  /** The time devices put in their messages (ms). */
  now(): number;
  /** Says something about one device (a refusal, a lost connection); the simulator prints the first few of each protocol. */
  notice(text: string): void;
}

/** The message of an error, with its code when it has one (ECONNREFUSED...). */
export function reason(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code;
  return [code, e?.message].filter(Boolean).join(' ') || String(error);
}
