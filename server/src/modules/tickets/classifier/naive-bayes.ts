/**
 * Multinomial naive Bayes over text terms with Laplace (add-alpha) smoothing, trained one
 * document at a time. `forget` undoes a `learn` exactly, so a closed ticket whose category
 * is corrected moves from one class to the other. The model serialises to plain JSON
 * (for a jsonb column) and loads back to the same suggestions.
 *
 * Layout is term-major (term -> counts per category slot): scoring a text costs one map
 * lookup per distinct term, whatever the number of categories or the vocabulary size.
 */
import { z } from 'zod';

export interface Suggestion {
  category: string;
  /** Posterior probability among the known categories, 0..1 (they sum to 1 over all categories). */
  probability: number;
}

interface TermStats {
  /** Count of the term over all categories; the term leaves the vocabulary at 0. */
  total: number;
  /** Count per category slot; dense, but may be shorter than the number of slots (missing = 0). */
  counts: number[];
  /** log(count + alpha) per slot (log alpha where the count is 0), made when first scored, dropped by a change. */
  logs?: Float64Array;
}

export const NAIVE_BAYES_FORMAT = 1;

const storedModel = z.object({
  format: z.literal(NAIVE_BAYES_FORMAT),
  alpha: z.number().positive(),
  /** Sorted by code; terms as [term, count] pairs sorted by term (pairs, not an object, so any term is a safe key). */
  categories: z.array(
    z.object({
      code: z.string().min(1),
      docs: z.number().int().positive(),
      terms: z.array(z.tuple([z.string().min(1), z.number().int().positive()])),
    }),
  ),
});

/** The stored form of a model: what `toJSON` returns and `fromJSON` accepts. */
export type StoredNaiveBayes = z.infer<typeof storedModel>;

function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** Grows a counts array with zeros up to a slot: dense arrays keep scoring off V8's slow path for holes. */
function slotCounts(stats: TermStats, slot: number): number[] {
  const counts = stats.counts;
  while (counts.length <= slot) counts.push(0);
  return counts;
}

function termLogs(counts: readonly number[], slots: number, alpha: number): Float64Array {
  const logs = new Float64Array(slots);
  for (let slot = 0; slot < slots; slot += 1) logs[slot] = Math.log((counts[slot] ?? 0) + alpha);
  return logs;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class NaiveBayes {
  readonly alpha: number;
  /** Category code per slot; a category whose documents were all forgotten keeps its slot with 0 docs. */
  private readonly codes: string[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly docs: number[] = [];
  private readonly termTotals: number[] = [];
  private readonly terms = new Map<string, TermStats>();
  private totalDocs = 0;
  /** log(termTotal + alpha * |V|) per slot, rebuilt lazily after a change. */
  private denominators: Float64Array | undefined;

  constructor(options: { alpha?: number } = {}) {
    this.alpha = options.alpha ?? 1;
    if (!(this.alpha > 0)) throw new RangeError('alpha must be positive');
  }

  get documentCount(): number {
    return this.totalDocs;
  }

  get vocabularySize(): number {
    return this.terms.size;
  }

  /** Categories holding at least one document, sorted. */
  categoryCodes(): string[] {
    return this.codes.filter((_, slot) => (this.docs[slot] ?? 0) > 0).sort(compareStrings);
  }

  /** Adds one document (the terms of a closed ticket) to a category. */
  learn(terms: readonly string[], category: string): void {
    if (category.length === 0) throw new RangeError('category must not be empty');
    let slot = this.slotOf.get(category);
    if (slot === undefined) {
      slot = this.codes.length;
      this.codes.push(category);
      this.slotOf.set(category, slot);
      this.docs.push(0);
      this.termTotals.push(0);
    }
    this.docs[slot] = (this.docs[slot] ?? 0) + 1;
    this.totalDocs += 1;
    for (const [term, count] of countTerms(terms)) {
      let stats = this.terms.get(term);
      if (!stats) {
        stats = { total: 0, counts: [] };
        this.terms.set(term, stats);
      }
      const counts = slotCounts(stats, slot);
      counts[slot] = (counts[slot] ?? 0) + count;
      stats.total += count;
      stats.logs = undefined;
      this.termTotals[slot] = (this.termTotals[slot] ?? 0) + count;
    }
    this.denominators = undefined;
  }

  /**
   * Removes a document learnt before with the same terms and category. Refuses (and changes
   * nothing) when the model does not hold it, rather than drifting into negative counts.
   */
  forget(terms: readonly string[], category: string): void {
    const slot = this.slotOf.get(category);
    if (slot === undefined || (this.docs[slot] ?? 0) === 0) throw new RangeError(`category ${category} holds no documents`);
    const counts = countTerms(terms);
    for (const [term, count] of counts) {
      if ((this.terms.get(term)?.counts[slot] ?? 0) < count) throw new RangeError(`term ${term} was not learnt for ${category}`);
    }
    this.docs[slot] = (this.docs[slot] ?? 0) - 1;
    this.totalDocs -= 1;
    for (const [term, count] of counts) {
      const stats = this.terms.get(term);
      if (!stats) continue;
      stats.counts[slot] = (stats.counts[slot] ?? 0) - count;
      stats.total -= count;
      stats.logs = undefined;
      this.termTotals[slot] = (this.termTotals[slot] ?? 0) - count;
      if (stats.total === 0) this.terms.delete(term);
    }
    this.denominators = undefined;
  }

  /**
   * The k most probable categories for a document, best first. Terms never seen in training
   * are ignored; a model with no documents suggests nothing.
   */
  suggest(terms: readonly string[], k = 3): Suggestion[] {
    if (this.totalDocs === 0 || k <= 0) return [];
    const denominators = this.currentDenominators();
    const slots = this.codes.length;
    const alpha = this.alpha;
    const logTotalDocs = Math.log(this.totalDocs);
    const scores = new Float64Array(slots);
    for (let slot = 0; slot < slots; slot += 1) {
      const docs = this.docs[slot] ?? 0;
      scores[slot] = docs > 0 ? Math.log(docs) - logTotalDocs : -Infinity;
    }
    // Σ count·log(n_ct + α) − (Σ count)·log(N_c + α|V|); a term absent from a category adds log α.
    // Each occurrence of a term adds its logs once (the same as count times).
    let knownTerms = 0;
    for (const term of terms) {
      const stats = this.terms.get(term);
      if (!stats) continue;
      knownTerms += 1;
      const logs = stats.logs?.length === slots ? stats.logs : (stats.logs = termLogs(stats.counts, slots, alpha));
      for (let slot = 0; slot < slots; slot += 1) scores[slot] = (scores[slot] ?? 0) + (logs[slot] ?? 0);
    }
    for (let slot = 0; slot < slots; slot += 1) {
      scores[slot] = (scores[slot] ?? 0) - knownTerms * (denominators[slot] ?? 0);
    }

    let max = -Infinity;
    for (const score of scores) if (score > max) max = score;
    let sum = 0;
    for (const score of scores) sum += Math.exp(score - max);
    const logNormalizer = max + Math.log(sum);

    const ranked: number[] = [];
    for (let slot = 0; slot < slots; slot += 1) if ((this.docs[slot] ?? 0) > 0) ranked.push(slot);
    ranked.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || compareStrings(this.codes[a] ?? '', this.codes[b] ?? ''));
    return ranked.slice(0, k).map((slot) => ({
      category: this.codes[slot] ?? '',
      probability: Math.exp((scores[slot] ?? 0) - logNormalizer),
    }));
  }

  /** Plain JSON, sorted, so equal models give equal documents. */
  toJSON(): StoredNaiveBayes {
    const perSlot = this.codes.map((): [string, number][] => []);
    for (const [term, stats] of this.terms) {
      stats.counts.forEach((count, slot) => {
        if (count > 0) perSlot[slot]?.push([term, count]);
      });
    }
    const categories = this.categoryCodes().map((code) => {
      const slot = this.slotOf.get(code) ?? 0;
      const terms = (perSlot[slot] ?? []).sort((a, b) => compareStrings(a[0], b[0]));
      return { code, docs: this.docs[slot] ?? 0, terms };
    });
    return { format: NAIVE_BAYES_FORMAT, alpha: this.alpha, categories };
  }

  /** Loads a stored model (e.g. a jsonb value); throws if it is not one. */
  static fromJSON(value: unknown): NaiveBayes {
    const stored = storedModel.parse(value);
    const model = new NaiveBayes({ alpha: stored.alpha });
    for (const category of stored.categories) {
      if (model.slotOf.has(category.code)) throw new RangeError(`category ${category.code} is stored twice`);
      const slot = model.codes.length;
      model.codes.push(category.code);
      model.slotOf.set(category.code, slot);
      model.docs.push(category.docs);
      model.totalDocs += category.docs;
      let termTotal = 0;
      for (const [term, count] of category.terms) {
        let stats = model.terms.get(term);
        if (!stats) {
          stats = { total: 0, counts: [] };
          model.terms.set(term, stats);
        }
        const counts = slotCounts(stats, slot);
        if (counts[slot] !== 0) throw new RangeError(`term ${term} is stored twice for ${category.code}`);
        counts[slot] = count;
        stats.total += count;
        termTotal += count;
      }
      model.termTotals.push(termTotal);
    }
    return model;
  }

  private currentDenominators(): Float64Array {
    if (!this.denominators) {
      const smoothing = this.alpha * this.terms.size;
      this.denominators = Float64Array.from(this.termTotals, (total) => Math.log(total + smoothing));
    }
    return this.denominators;
  }
}
