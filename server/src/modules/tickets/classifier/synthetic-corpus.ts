/**
 * A synthetic corpus of closed tickets split by id hash, for tests and the accuracy report.
 * Tickets are generated in one seeded stream and dealt to their side until both sides are
 * full, so for one seed the held-out set is the same whatever the training size, and a
 * smaller training set is a prefix of a larger one.
 */
import { isHeldOut } from './evaluate.js';
import { generateLabelledTicket, seededRandom, type LabelledTicket } from './training-texts.js';

export const HELD_OUT_SHARE = 0.2;

export function syntheticSplit(
  seed: number,
  trainSize: number,
  heldOutSize: number,
): { train: LabelledTicket[]; heldOut: LabelledTicket[] } {
  const random = seededRandom(seed);
  const train: LabelledTicket[] = [];
  const heldOut: LabelledTicket[] = [];
  for (let i = 0; train.length < trainSize || heldOut.length < heldOutSize; i += 1) {
    const ticket = generateLabelledTicket(random, `ticket-${i}`);
    const side = isHeldOut(ticket.id, HELD_OUT_SHARE) ? heldOut : train;
    if (side.length < (side === heldOut ? heldOutSize : trainSize)) side.push(ticket);
  }
  return { train, heldOut };
}
