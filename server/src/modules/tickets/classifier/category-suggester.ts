/**
 * The category suggester the ticket module calls: text in, top-k categories out. It learns
 * from each closed ticket, is corrected when a closed ticket's category changes, and is
 * stored as JSON (jsonb) together with the tokenizer version it was trained with.
 */
import { z } from 'zod';
import { NaiveBayes, type Suggestion } from './naive-bayes.js';
import { tokenize } from './tokenize.js';

export type { Suggestion } from './naive-bayes.js';

/**
 * Bump when tokenize() or the custom dictionary changes: the terms of old tickets would no
 * longer match what was learnt, so a stored model of another version must be retrained.
 */
export const TOKENIZER_VERSION = 1;

const storedSuggester = z.object({ tokenizer: z.number().int(), model: z.unknown() });

export interface StoredCategorySuggester {
  tokenizer: number;
  model: ReturnType<NaiveBayes['toJSON']>;
}

export class CategorySuggester {
  constructor(readonly model: NaiveBayes = new NaiveBayes()) {}

  /** A suggester trained on closed tickets. */
  static train(tickets: Iterable<{ text: string; category: string }>): CategorySuggester {
    const suggester = new CategorySuggester();
    for (const ticket of tickets) suggester.learn(ticket.text, ticket.category);
    return suggester;
  }

  /** Learns from a closed ticket. */
  learn(text: string, category: string): void {
    this.model.learn(tokenize(text), category);
  }

  /** Undoes learn() for the same text and category. */
  forget(text: string, category: string): void {
    this.model.forget(tokenize(text), category);
  }

  /** A closed ticket's category was corrected. */
  recategorize(text: string, from: string, to: string): void {
    if (from === to) return;
    const terms = tokenize(text);
    this.model.forget(terms, from);
    this.model.learn(terms, to);
  }

  suggest(text: string, k = 3): Suggestion[] {
    return this.model.suggest(tokenize(text), k);
  }

  toJSON(): StoredCategorySuggester {
    return { tokenizer: TOKENIZER_VERSION, model: this.model.toJSON() };
  }

  /**
   * Loads a stored suggester. Returns undefined when it was trained with another tokenizer
   * version (retrain from the closed tickets then); throws when the value is not a suggester.
   */
  static fromJSON(value: unknown): CategorySuggester | undefined {
    const stored = storedSuggester.parse(value);
    if (stored.tokenizer !== TOKENIZER_VERSION) return undefined;
    return new CategorySuggester(NaiveBayes.fromJSON(stored.model));
  }
}
