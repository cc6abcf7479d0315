/**
 * A deterministic generator of realistic Chinese ticket texts for the demo category leaves,
 * used to train and evaluate the category suggester before real closed tickets exist.
 * Texts mix openers, places, times, details and requests, and on purpose borrow from close
 * categories (井盖 vs 道路, 噪音 vs 邻里纠纷...), so that accuracy is not trivially perfect.
 */
import {
  CATEGORY_PHRASES,
  CONNECTIVES,
  DURATIONS,
  ESTATES,
  GENERIC_ASKS,
  NEIGHBORS,
  OPENERS,
  ROADS,
  SYNONYMS,
  TICKET_CATEGORY_CODES,
  TIMES,
  type TicketCategoryCode,
} from './training-phrases.js';

export { TICKET_CATEGORY_CODES, type TicketCategoryCode } from './training-phrases.js';

/** A source of uniform numbers in [0, 1), like Math.random. */
export type RandomFn = () => number;

/** mulberry32: a small seeded PRNG, so generated corpora are the same on every run. */
export function seededRandom(seed: number): RandomFn {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: RandomFn, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('cannot pick from an empty list');
  return item;
}

function building(random: RandomFn): string {
  const n = 1 + Math.floor(random() * 24);
  const unit = 1 + Math.floor(random() * 4);
  return pick(random, [`${n}号楼`, `${n}栋`, `${n}栋${unit}单元`, `${n}幢`]);
}

function place(random: RandomFn): string {
  const estate = pick(random, ESTATES);
  const road = pick(random, ROADS);
  return pick(random, [
    `${estate}${building(random)}`,
    `${road}与${pick(random, ROADS)}交叉口`,
    `${road}${1 + Math.floor(random() * 300)}号附近`,
    `${estate}门口`,
    `${estate}东门`,
    `${road}公交站旁`,
    `${estate}地下车库`,
    `${road}`,
  ]);
}

const SLOTS: Record<string, (random: RandomFn) => string> = {
  estate: (random) => pick(random, ESTATES),
  road: (random) => pick(random, ROADS),
  building,
  place,
  time: (random) => pick(random, TIMES),
  duration: (random) => pick(random, DURATIONS),
  neighbor: (random) => pick(random, NEIGHBORS),
};

function fill(random: RandomFn, template: string): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const slot = SLOTS[key];
    return slot ? slot(random) : whole;
  });
}

/** Ends a clause with Chinese punctuation, sometimes a full stop, sometimes a comma. */
function clause(random: RandomFn, text: string): string {
  return text + (random() < 0.6 ? '，' : '。');
}

/** Sometimes only one clause of a sentence: residents are often brief and vague. */
function fragment(random: RandomFn, sentence: string): string {
  const clauses = sentence.split('，');
  return clauses.length > 1 && random() < 0.3 ? pick(random, clauses) : sentence;
}

/** Swaps some words for colloquial variants. */
function vary(random: RandomFn, text: string): string {
  let varied = text;
  for (const [pattern, variants] of SYNONYMS) {
    if (varied.search(pattern) !== -1 && random() < 0.4) {
      const variant = pick(random, variants);
      varied = varied.replace(pattern, () => variant);
    }
  }
  return varied;
}

/** One plausible ticket description for a category. */
export function generateTicketText(random: RandomFn, category: TicketCategoryCode): string {
  const phrases = CATEGORY_PHRASES[category];
  const parts: string[] = [];
  if (random() < 0.6) parts.push(fill(random, pick(random, OPENERS)));
  if (random() < 0.25) parts.push(`${pick(random, TIMES)}，`);

  parts.push(clause(random, fill(random, fragment(random, pick(random, phrases.core)))));
  const short = random() < 0.2;
  if (!short) {
    const details = random() < 0.5 ? 1 : random() < 0.6 ? 2 : 0;
    const chosen = new Set<string>();
    for (let i = 0; i < details; i += 1) chosen.add(pick(random, phrases.details));
    for (const detail of chosen) parts.push(clause(random, fill(random, detail)));
  }

  // What residents really write: a remark that belongs to a close category.
  const borrow = random();
  if (phrases.near.length > 0 && borrow < 0.35) {
    const near = CATEGORY_PHRASES[pick(random, phrases.near)];
    const remark = borrow < 0.12 ? fragment(random, pick(random, near.core)) : pick(random, near.details);
    parts.push(clause(random, pick(random, CONNECTIVES) + fill(random, remark)));
  }

  if (!short || random() < 0.5) {
    parts.push(random() < 0.65 ? pick(random, phrases.asks) : pick(random, GENERIC_ASKS));
  }
  const text = vary(random, parts.join('')).replace(/[，。]$/, '');
  return /[！？。]$/.test(text) ? text : `${text}。`;
}

const TOTAL_WEIGHT = TICKET_CATEGORY_CODES.reduce((sum, code) => sum + CATEGORY_PHRASES[code].weight, 0);

/** A category drawn with the relative frequencies of the demo (噪音 and 垃圾 common, 燃气 rare). */
export function pickTicketCategory(random: RandomFn): TicketCategoryCode {
  let left = random() * TOTAL_WEIGHT;
  for (const code of TICKET_CATEGORY_CODES) {
    left -= CATEGORY_PHRASES[code].weight;
    if (left < 0) return code;
  }
  return TICKET_CATEGORY_CODES[TICKET_CATEGORY_CODES.length - 1] ?? 'city.road';
}

export interface LabelledTicket {
  id: string;
  text: string;
  category: TicketCategoryCode;
}

/**
 * Share of closed tickets that an operator filed under a neighbouring category of what the
 * text is mostly about, as happens with real labels.
 */
export const MISFILED_SHARE = 0.04;

/** One closed ticket: a category drawn by frequency, its text, and sometimes a misfiled label. */
export function generateLabelledTicket(random: RandomFn, id: string): LabelledTicket {
  const category = pickTicketCategory(random);
  const near = CATEGORY_PHRASES[category].near;
  const misfiled = random() < MISFILED_SHARE && near.length > 0;
  const textCategory = misfiled ? pick(random, near) : category;
  return { id, text: generateTicketText(random, textCategory), category };
}

/** `count` closed tickets with ids `${prefix}-0`, `${prefix}-1`, ... */
export function generateLabelledTickets(random: RandomFn, count: number, prefix = 'ticket'): LabelledTicket[] {
  const tickets: LabelledTicket[] = [];
  for (let i = 0; i < count; i += 1) tickets.push(generateLabelledTicket(random, `${prefix}-${i}`));
  return tickets;
}
