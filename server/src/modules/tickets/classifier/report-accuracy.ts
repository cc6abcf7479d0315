/**
 * Prints the suggester's held-out accuracy on synthetic tickets for growing training sets.
 *   npx tsx server/src/modules/tickets/classifier/report-accuracy.ts             sizes 500 / 2,000 / 8,000
 *   npx tsx server/src/modules/tickets/classifier/report-accuracy.ts --features  tokenizer variants, 4 seeds
 */
import { evaluate, formatConfusionSummary } from './evaluate.js';
import { NaiveBayes } from './naive-bayes.js';
import { syntheticSplit } from './synthetic-corpus.js';
import { tokenize, type TokenizeOptions } from './tokenize.js';

const SEED = 42;
const HELD_OUT = 1000;

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function trainOn(examples: readonly { terms: string[]; category: string }[]): NaiveBayes {
  const model = new NaiveBayes();
  for (const example of examples) model.learn(example.terms, example.category);
  return model;
}

function reportSizes(): void {
  const sizes = [500, 2000, 8000];
  const { train, heldOut } = syntheticSplit(SEED, Math.max(...sizes), HELD_OUT);
  const trainTerms = train.map((t) => ({ terms: tokenize(t.text), category: t.category }));
  const heldOutTerms = heldOut.map((t) => ({ terms: tokenize(t.text), category: t.category }));
  console.log(`Category suggester on synthetic tickets (seed ${SEED}, ${HELD_OUT} held out by id hash)`);
  console.log('training tickets | accuracy | top-3 | vocabulary | µs per suggestion');
  let last: ReturnType<typeof evaluate> | undefined;
  for (const size of sizes) {
    const model = trainOn(trainTerms.slice(0, size));
    const started = process.hrtime.bigint();
    last = evaluate(model, heldOutTerms);
    const micros = Number(process.hrtime.bigint() - started) / 1000 / heldOutTerms.length;
    console.log(
      `${String(size).padStart(16)} | ${percent(last.accuracy).padStart(8)} | ${percent(last.top3Accuracy).padStart(5)} | ${String(model.vocabularySize).padStart(10)} | ${micros.toFixed(1)}`,
    );
  }
  if (last) console.log(`\nPer category at ${sizes[sizes.length - 1]} training tickets:\n${formatConfusionSummary(last)}`);
}

function reportFeatures(): void {
  const sizes = [200, 500, 2000, 4000, 8000];
  const variants: [string, TokenizeOptions][] = [
    ['words of 2+ chars only', { singleChars: false, bigrams: false }],
    ['+ single chars', { bigrams: false }],
    ['+ single chars + bigrams', {}],
    ['jieba search mode instead', { bigrams: false, searchMode: true }],
  ];
  const seeds = [1, 2, 3, 4];
  const sums = variants.map(() => sizes.map(() => 0));
  for (const seed of seeds) {
    const { train, heldOut } = syntheticSplit(seed, Math.max(...sizes), 3000);
    variants.forEach(([, options], v) => {
      const trainTerms = train.map((t) => ({ terms: tokenize(t.text, options), category: t.category }));
      const heldOutTerms = heldOut.map((t) => ({ terms: tokenize(t.text, options), category: t.category }));
      sizes.forEach((size, s) => {
        const row = sums[v];
        if (row) row[s] = (row[s] ?? 0) + evaluate(trainOn(trainTerms.slice(0, size)), heldOutTerms).accuracy;
      });
    });
  }
  console.log(`Mean held-out accuracy over seeds ${seeds.join(', ')} (3,000 held out each), training on ${sizes.join(' / ')}`);
  variants.forEach(([name], v) => {
    const cells = (sums[v] ?? []).map((sum) => percent(sum / seeds.length).padStart(6));
    console.log(`  ${name.padEnd(28)} ${cells.join(' ')}`);
  });
}

if (process.argv.includes('--features')) reportFeatures();
else reportSizes();
