import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { choroplethExpression, quantileSteps } from './map-style';
import { labelPoint } from './geometry';

describe('choropleth colour breaks', () => {
  it('come from the values shown: zero, the smallest non-zero value, then quartiles', () => {
    assert.deepEqual(quantileSteps([0, 10, 20, 30, 40, 50, 60, 70, 80]), [0, 10, 30, 50, 70]);
    // A county's townships (thousands) and one community's grids (tens) each get their own shades.
    assert.deepEqual(quantileSteps([4200, 5100, 6100, 8800]), [0, 4200, 5100, 6100, 8800]);
    assert.deepEqual(quantileSteps([41, 45, 52, 60]), [0, 41, 45, 52, 60]);
  });

  it('stay ascending when values repeat, and have one shade for nothing', () => {
    assert.deepEqual(quantileSteps([5, 5, 5, 5, 5]), [0, 5]);
    assert.deepEqual(quantileSteps([0, 0]), [0, 1]);
    assert.deepEqual(quantileSteps([]), [0, 1]);
    const steps = quantileSteps([1, 1, 2, 2, 2, 3, 100]);
    assert.ok(steps.every((s, i) => i === 0 || s > steps[i - 1]!), steps.join(','));
  });

  it('give each value the shade of its break', () => {
    const expression = choroplethExpression('count', [0, 10, 30]);
    assert.deepEqual(expression.slice(0, 3), ['step', ['coalesce', ['get', 'count'], 0], '#eff6ff']);
    assert.deepEqual(expression.slice(3), [10, '#bfdbfe', 30, '#60a5fa']);
  });
});

describe('labelPoint (where a grid\'s figure goes)', () => {
  it('is the centroid of a convex grid', () => {
    assert.deepEqual(labelPoint([[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]]), [2, 1]);
  });
  it('stays inside an L-shaped grid whose centroid falls outside', () => {
    // An L: the centroid of the two arms lies in the notch.
    const ring = [[0, 0], [10, 0], [10, 1], [1, 1], [1, 10], [0, 10], [0, 0]];
    const [x, y] = labelPoint([ring])!;
    const inside = (x >= 0 && x <= 10 && y >= 0 && y <= 1) || (x >= 0 && x <= 1 && y >= 0 && y <= 10);
    assert.ok(inside, `${x},${y} is inside the L`);
  });
  it('has nothing to say about a ring of fewer than three points', () => {
    assert.equal(labelPoint([[[0, 0], [1, 1]]]), null);
  });
});
