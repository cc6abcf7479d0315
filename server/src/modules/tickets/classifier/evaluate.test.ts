import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, formatConfusionSummary, hashId, isHeldOut, splitByHash } from './evaluate.js';
import { NaiveBayes } from './naive-bayes.js';
import { syntheticSplit } from './synthetic-corpus.js';
import { tokenize } from './tokenize.js';
import type { LabelledTicket } from './training-texts.js';

function trainOn(tickets: readonly LabelledTicket[]): NaiveBayes {
  const model = new NaiveBayes();
  for (const ticket of tickets) model.learn(tokenize(ticket.text), ticket.category);
  return model;
}

describe('held-out split', () => {
  it('is a stable function of the id', () => {
    assert.equal(hashId('ticket-1'), hashId('ticket-1'));
    assert.notEqual(hashId('ticket-1'), hashId('ticket-2'));
    assert.equal(hashId(''), 0x811c9dc5);
    const ids = Array.from({ length: 10_000 }, (_, i) => ({ id: `8c1e${i}-uuid` }));
    const { train, heldOut } = splitByHash(ids, 0.2);
    assert.equal(train.length + heldOut.length, ids.length);
    assert.ok(Math.abs(heldOut.length / ids.length - 0.2) < 0.02, String(heldOut.length));
    assert.ok(heldOut.every((x) => isHeldOut(x.id, 0.2)));
    // Growing the data never moves a ticket across sides.
    assert.deepEqual(splitByHash(ids.slice(0, 500), 0.2).heldOut, heldOut.filter((x) => ids.indexOf(x) < 500));
  });
});

describe('evaluate', () => {
  it('reports accuracy, top-3 and confusions on a hand-made model', () => {
    const model = new NaiveBayes();
    model.learn(['井盖'], 'city.manhole');
    model.learn(['路面'], 'city.road');
    model.learn(['路灯'], 'city.streetlight');
    const report = evaluate(model, [
      { terms: ['井盖'], category: 'city.manhole' },
      { terms: ['路面'], category: 'city.road' },
      { terms: ['井盖'], category: 'city.road' },
      { terms: ['路灯'], category: 'city.streetlight' },
    ]);
    assert.equal(report.total, 4);
    assert.equal(report.accuracy, 0.75);
    assert.equal(report.top3Accuracy, 1);
    const road = report.perCategory.find((c) => c.category === 'city.road');
    assert.deepEqual(road, { category: 'city.road', support: 2, recall: 0.5, precision: 1, confusedWith: [{ category: 'city.manhole', count: 1 }] });
    const manhole = report.perCategory.find((c) => c.category === 'city.manhole');
    assert.equal(manhole?.precision, 0.5);
    assert.match(formatConfusionSummary(report), /city\.road .* -> city\.manhole 1/);
  });
});

describe('accuracy on synthetic tickets', () => {
  // One seeded stream: the held-out 1,000 are the same for both training sizes.
  const { train, heldOut } = syntheticSplit(42, 4000, 1000);
  const heldOutTerms = heldOut.map((t) => ({ terms: tokenize(t.text), category: t.category }));

  it('is high on held-out tickets after 4,000 closed tickets', () => {
    assert.equal(train.length, 4000);
    assert.equal(heldOut.length, 1000);
    assert.ok(heldOut.every((t) => isHeldOut(t.id, 0.2)) && train.every((t) => !isHeldOut(t.id, 0.2)));
    const report = evaluate(trainOn(train), heldOutTerms);
    // Measured: accuracy 93.6%, top-3 99.0% (seed 42; seeds 7-10 gave 91.7-93.5%). 4% of the
    // synthetic labels are misfiled on purpose, so about 96% is the ceiling.
    assert.ok(report.accuracy > 0.9, `accuracy ${report.accuracy}`);
    assert.ok(report.top3Accuracy > 0.96, `top-3 ${report.top3Accuracy}`);
    assert.equal(report.perCategory.length, 20);
  });

  it('improves as tickets close (200 -> 4,000 training tickets)', () => {
    const small = evaluate(trainOn(train.slice(0, 200)), heldOutTerms);
    const large = evaluate(trainOn(train), heldOutTerms);
    // Measured: 76.8% -> 93.6% (top-3 88.7% -> 99.0%).
    assert.ok(large.accuracy - small.accuracy > 0.1, `${small.accuracy} -> ${large.accuracy}`);
    assert.ok(large.top3Accuracy > small.top3Accuracy);
  });
});
