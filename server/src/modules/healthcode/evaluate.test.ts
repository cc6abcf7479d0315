/** The rule on evidence in memory: first matching line wins, conditions (degree, status, window, risk level at arrival), validity, the version in force. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_HEALTH_CODE_RULE, type HealthCodeRule } from '@gridgov/contracts';
import { evaluate, ruleInForce, type Evidence, type RiskOf } from './evaluate.js';

const at = new Date('2026-12-04T08:00:00Z');
const daysAgo = (n: number) => new Date(at.getTime() - n * 86_400_000);
const ev = (kind: string, since: Date, detail: Record<string, unknown> = {}, until: Date | null = null): Evidence => ({ kind, ref: 'r', since, until, detail });
const risk: RiskOf = (origin, when) => (origin.includes('武汉') && when.getTime() >= daysAgo(20).getTime() ? 'high' : origin.includes('广州') ? 'medium' : null);
const rule = DEFAULT_HEALTH_CODE_RULE;

describe('health code rule evaluation', () => {
  it('is green without evidence, valid for a day', () => {
    const v = evaluate(rule, [], at, risk);
    assert.deepEqual([v.colour, v.line, v.validUntil.getTime() - at.getTime()], ['green', null, 24 * 3_600_000]);
  });

  it('takes the first matching line: a case outranks a secondary contact', () => {
    const v = evaluate(rule, [ev('contact', daysAgo(1), { degree: 2 }, daysAgo(-10)), ev('case', daysAgo(1), { status: 'suspected' })], at, risk);
    assert.deepEqual([v.colour, v.line, v.evidence.map((e) => e.kind)], ['red', 0, ['case']]);
  });

  it('reads the contact degree and a case status', () => {
    assert.equal(evaluate(rule, [ev('contact', daysAgo(1), { degree: 1 }, daysAgo(-5))], at, risk).line, 1);
    assert.equal(evaluate(rule, [ev('contact', daysAgo(1), { degree: 2 }, daysAgo(-5))], at, risk).colour, 'yellow');
    const onlyConfirmed: HealthCodeRule = { lines: [{ evidenceKind: 'case', colour: 'red', statuses: ['confirmed'] }] };
    assert.equal(evaluate(onlyConfirmed, [ev('case', daysAgo(1), { status: 'suspected' })], at, risk).colour, 'green');
  });

  it('a contact\'s code is valid until its follow-up ends; ended evidence does not count', () => {
    const v = evaluate(rule, [ev('contact', daysAgo(3), { degree: 1 }, new Date(at.getTime() + 3_600_000))], at, risk);
    assert.equal(v.validUntil.getTime(), at.getTime() + 3_600_000);
    assert.equal(evaluate(rule, [ev('contact', daysAgo(3), { degree: 1 }, daysAgo(1))], at, risk).colour, 'green');
  });

  it('matches arrivals by the origin\'s risk level when the person came, within the line\'s days', () => {
    assert.deepEqual([evaluate(rule, [ev('arrival', daysAgo(2), { origin: '武汉站' })], at, risk).colour, evaluate(rule, [ev('arrival', daysAgo(2), { origin: '武汉站' })], at, risk).line], ['red', 3]);
    assert.equal(evaluate(rule, [ev('arrival', daysAgo(15), { origin: '武汉站' })], at, risk).colour, 'green', 'more than 14 days ago');
    assert.equal(evaluate(rule, [ev('trip', daysAgo(2), { origin: '广州南' })], at, risk).line, 9);
    assert.equal(evaluate(rule, [ev('arrival', daysAgo(2), { origin: '长沙' })], at, risk).colour, 'green');
    // A window closing: valid until 14 days after the arrival at most.
    const v = evaluate(rule, [ev('arrival', daysAgo(13.5), { origin: '武汉' })], at, risk);
    assert.equal(v.validUntil.getTime(), daysAgo(-0.5).getTime());
  });

  it('fever counts for three days, symptoms for seven', () => {
    assert.equal(evaluate(rule, [ev('fever', daysAgo(2))], at, risk).colour, 'yellow');
    assert.equal(evaluate(rule, [ev('fever', daysAgo(4))], at, risk).colour, 'green');
    assert.equal(evaluate(rule, [ev('symptoms', daysAgo(4))], at, risk).colour, 'yellow');
  });

  it('the version in force is the newest whose effective time has come', () => {
    const versions = [
      { version: 1, effectiveFrom: daysAgo(3), rule },
      { version: 2, effectiveFrom: daysAgo(-1), rule },
      { version: 3, effectiveFrom: daysAgo(1), rule },
    ];
    assert.equal(ruleInForce(versions, at)?.version, 3);
    assert.equal(ruleInForce(versions, daysAgo(2))?.version, 1);
    assert.equal(ruleInForce(versions, daysAgo(-2))?.version, 3, 'the newest version wins once both have come');
    assert.equal(ruleInForce(versions, daysAgo(5)), null);
  });
});
