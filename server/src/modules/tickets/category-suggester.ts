/**
 * The category suggester of the running server: a naive Bayes model over jieba terms
 * (classifier/), loaded from the database at start-up, taught by every closed ticket, and saved
 * back by a recurring job when it has learned something. With several processes each learns
 * from the tickets it closes and the last save wins (see docs/scaling.md).
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { kitService } from '../../platform/kit/kit.js';
import { z } from 'zod';
import { CategorySuggester as TextModel } from './classifier/category-suggester.js';
import type { CategorySuggester } from './deps.js';
import { classifierModel } from './tables.js';

const MODEL_ID = 'ticket-category';

export class NaiveBayesSuggester implements CategorySuggester {
  private dirty = false;

  constructor(private model: TextModel = new TextModel()) {}

  /** Loads the stored model; a model of an older tokenizer is dropped (it relearns as tickets close). */
  async load(db: Db): Promise<void> {
    const [row] = await db.select().from(classifierModel).where(eq(classifierModel.id, MODEL_ID));
    this.model = (row && TextModel.fromJSON(row.model)) || new TextModel();
    this.dirty = false;
  }

  /** Trains on texts with their category codes (the demo's closed tickets). */
  train(tickets: Iterable<{ text: string; category: string }>): void {
    for (const t of tickets) this.model.learn(t.text, t.category);
    this.dirty = true;
  }

  get trainedTickets(): number {
    return this.model.model.documentCount;
  }

  suggest(text: string, k: number): { code: string; probability: number }[] {
    if (this.trainedTickets === 0) return [];
    return this.model.suggest(text, k).map((s) => ({ code: s.category, probability: s.probability }));
  }

  learn(text: string, code: string): void {
    this.model.learn(text, code);
    this.dirty = true;
  }

  /** Writes the model if it learned since the last save. */
  async save(db: Db, now: Date, accuracy?: unknown): Promise<boolean> {
    if (!this.dirty && accuracy === undefined) return false;
    this.dirty = false;
    const values = { model: this.model.toJSON(), trainedTickets: this.trainedTickets, updatedAt: now, ...(accuracy !== undefined ? { accuracy } : {}) };
    await db
      .insert(classifierModel)
      .values({ id: MODEL_ID, ...values })
      .onConflictDoUpdate({ target: classifierModel.id, set: { ...values, accuracy: accuracy === undefined ? sql`${classifierModel.accuracy}` : accuracy } });
    return true;
  }
}

/** The suggester of one running process (loaded by the tickets module at start). */
export const categorySuggester = kitService(() => new NaiveBayesSuggester());

export const suggesterSaveJob = (suggester: NaiveBayesSuggester) =>
  defineJob({
    name: 'tickets.classifier.save',
    payload: z.object({}),
    repeatEveryMs: 60_000,
    async handle(_payload, { db, clock }) {
      await suggester.save(db, clock.now());
    },
  });
