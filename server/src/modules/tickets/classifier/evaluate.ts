/**
 * Held-out evaluation of the category suggester: a deterministic split by a hash of the
 * ticket id (a ticket stays on its side as the data grows), accuracy, top-3 accuracy and a
 * per-category confusion summary.
 */
import type { NaiveBayes } from './naive-bayes.js';

/** FNV-1a (32 bit) of a string's UTF-16 code units. */
export function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Whether a ticket belongs to the held-out share (0..1) of the data. */
export function isHeldOut(id: string, heldOutShare: number): boolean {
  return hashId(id) / 4294967296 < heldOutShare;
}

export function splitByHash<T extends { id: string }>(items: readonly T[], heldOutShare: number): { train: T[]; heldOut: T[] } {
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const item of items) (isHeldOut(item.id, heldOutShare) ? heldOut : train).push(item);
  return { train, heldOut };
}

export interface LabelledTerms {
  terms: readonly string[];
  category: string;
}

export interface CategoryReport {
  category: string;
  /** Held-out tickets of this category. */
  support: number;
  /** Share of them whose top suggestion is right. */
  recall: number;
  /** Share of the top suggestions of this category that are right (0 when never suggested). */
  precision: number;
  /** Where its tickets went instead, most frequent first. */
  confusedWith: { category: string; count: number }[];
}

export interface EvaluationReport {
  total: number;
  accuracy: number;
  top3Accuracy: number;
  perCategory: CategoryReport[];
}

/** Scores a trained model on held-out examples. */
export function evaluate(model: NaiveBayes, heldOut: readonly LabelledTerms[]): EvaluationReport {
  let correct = 0;
  let correctTop3 = 0;
  const confusion = new Map<string, Map<string, number>>();
  const predictedCount = new Map<string, number>();
  for (const example of heldOut) {
    const suggestions = model.suggest(example.terms, 3);
    const predicted = suggestions[0]?.category ?? '';
    if (predicted === example.category) correct += 1;
    if (suggestions.some((s) => s.category === example.category)) correctTop3 += 1;
    predictedCount.set(predicted, (predictedCount.get(predicted) ?? 0) + 1);
    let row = confusion.get(example.category);
    if (!row) {
      row = new Map();
      confusion.set(example.category, row);
    }
    row.set(predicted, (row.get(predicted) ?? 0) + 1);
  }

  const perCategory: CategoryReport[] = [...confusion.keys()].sort().map((category) => {
    const row = confusion.get(category) ?? new Map<string, number>();
    let support = 0;
    for (const count of row.values()) support += count;
    const hits = row.get(category) ?? 0;
    const suggested = predictedCount.get(category) ?? 0;
    const confusedWith = [...row]
      .filter(([other]) => other !== category)
      .map(([other, count]) => ({ category: other, count }))
      .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : 1));
    return { category, support, recall: hits / support, precision: suggested ? hits / suggested : 0, confusedWith };
  });

  const total = heldOut.length;
  return {
    total,
    accuracy: total ? correct / total : 0,
    top3Accuracy: total ? correctTop3 / total : 0,
    perCategory,
  };
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** A plain-text summary: one line per category with its main confusions. */
export function formatConfusionSummary(report: EvaluationReport, maxConfusions = 2): string {
  const lines = [`held-out ${report.total}: accuracy ${percent(report.accuracy)}, top-3 ${percent(report.top3Accuracy)}`];
  for (const c of report.perCategory) {
    const confused = c.confusedWith
      .slice(0, maxConfusions)
      .map((o) => `${o.category || '(none)'} ${o.count}`)
      .join(', ');
    lines.push(
      `  ${c.category.padEnd(28)} n=${String(c.support).padStart(4)}  recall ${percent(c.recall).padStart(6)}  precision ${percent(c.precision).padStart(6)}${confused ? `  -> ${confused}` : ''}`,
    );
  }
  return lines.join('\n');
}
