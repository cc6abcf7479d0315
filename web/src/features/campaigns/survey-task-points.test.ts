import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SurveyTask } from '@gridgov/contracts';
import { FOLLOW_UP_COLOR, taskPoints } from './survey-task-points';

const task = (id: string, more: Partial<SurveyTask>): SurveyTask => ({
  id, campaignId: 'c', campaignName: '本周入户走访摸排', kind: 'visit', householdNumber: `H-${id}`, address: `幸福路${id}号`, gridId: 'g', gridName: '一网格',
  assigneeId: 'u', assigneeName: '网格员', status: 'pending', alertKey: null, formKey: 'f', formVersion: 1, doneAt: null, lon: 111.7, lat: 29.03, ...more,
});

describe('taskPoints', () => {
  it('places each task at its household, follow-ups standing out, and leaves out those not placed', () => {
    const legacy = { ...task('4', {}) } as Partial<SurveyTask>;
    delete legacy.lon;
    delete legacy.lat;
    const points = taskPoints([task('1', {}), task('2', { kind: 'follow_up' }), task('3', { lon: null, lat: null }), legacy as SurveyTask]);
    assert.deepEqual(points.map((p) => [p.id, p.label, p.highlight]), [['1', 'H-1 · 幸福路1号', false], ['2', 'H-2 · 幸福路2号', true]]);
    assert.equal(points[1]!.color, FOLLOW_UP_COLOR);
  });
});
