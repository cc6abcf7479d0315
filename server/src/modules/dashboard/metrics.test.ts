import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../platform/context.js';
import { visibleTiles } from './queries.js';
import { registersMetrics } from '../registers/metrics.js';
import { ticketsMetrics } from '../tickets/metrics.js';
import { usersMetrics } from '../users/metrics.js';
import { checkMetrics, type MetricDefinition, type TileDefinition } from '../../platform/metrics/metrics.js';

const all = [ticketsMetrics, registersMetrics, usersMetrics];
const metrics: MetricDefinition[] = all.flatMap((m) => m.metrics);
const tiles: TileDefinition[] = all.flatMap((m) => m.tiles).sort((a, b) => a.order - b.order);

describe('metrics kit', () => {
  it('accepts the modules\' metrics and tiles, each labelled in both languages', () => {
    checkMetrics(metrics, tiles);
    for (const m of metrics) assert.ok(m.label.zh && m.label.en, m.name);
    for (const t of tiles) assert.ok(t.label.zh && t.label.en, t.id);
  });

  it('refuses a metric registered twice, a tile over an unknown metric, a rate without its whole', () => {
    assert.throws(() => checkMetrics([...metrics, metrics[0]!]), /registered twice/);
    assert.throws(() => checkMetrics(metrics, [{ ...tiles[0]!, id: 'x', metric: 'tickets.nothing' }]), /unknown metric tickets.nothing/);
    assert.throws(() => checkMetrics(metrics, [{ ...tiles[0]!, id: 'x', kind: 'rate' }]), /needs the metric it is divided by/);
  });

  it('shows a viewer only the tiles whose metrics their permissions allow', () => {
    const deps = { metrics: new Map(metrics.map((m) => [m.name, m])), tiles };
    const actor = (permissions: Actor['permissions']) => ({ permissions }) as Actor;
    assert.deepEqual(visibleTiles(deps, actor(['dashboard:read', 'register:read'])).map((t) => t.id), ['residents', 'households', 'gridWorkers']);
    assert.deepEqual(visibleTiles(deps, actor(['dashboard:read', 'ticket:read'])).map((t) => t.id), ['gridWorkers', 'ticketsToday', 'openTickets', 'overdueTickets', 'onTimeRate', 'satisfaction', 'pendingSummonses']);
    assert.equal(visibleTiles(deps, actor(['dashboard:read', 'ticket:read', 'register:read'])).length, tiles.length);
  });
});
