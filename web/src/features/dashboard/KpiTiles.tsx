/**
 * The KPI tiles of a place: people, households and grid workers; tickets reported today, open and
 * overdue; the on-time closure rate and satisfaction of the last 30 days; summonses pending.
 * Each tile carries its raw value as `data-value` for the browser tests.
 */
import { Skeleton } from 'antd';
import type { DashboardKpis } from '@gridgov/contracts';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { formatCount, formatRate, formatScore, formatTileCount } from './format';

type KpiKey = keyof DashboardKpis;

interface TileSpec {
  key: KpiKey;
  label: MessageKey;
  unit?: MessageKey;
  hint?: MessageKey;
  kind: 'count' | 'rate' | 'score';
  /** Colour of the figure: `alert` turns red above zero. */
  tone?: 'accent' | 'alert' | 'good';
}

const TILES: readonly TileSpec[] = [
  { key: 'residents', label: 'dashboard.kpi.residents', unit: 'dashboard.unit.person', kind: 'count' },
  { key: 'households', label: 'dashboard.kpi.households', unit: 'dashboard.unit.household', kind: 'count' },
  { key: 'gridWorkers', label: 'dashboard.kpi.gridWorkers', unit: 'dashboard.unit.person', kind: 'count' },
  { key: 'ticketsToday', label: 'dashboard.kpi.ticketsToday', unit: 'dashboard.unit.ticket', kind: 'count', tone: 'accent' },
  { key: 'openTickets', label: 'dashboard.kpi.openTickets', unit: 'dashboard.unit.ticket', kind: 'count', tone: 'accent' },
  { key: 'overdueTickets', label: 'dashboard.kpi.overdueTickets', unit: 'dashboard.unit.ticket', kind: 'count', tone: 'alert' },
  { key: 'onTimeRate', label: 'dashboard.kpi.onTimeRate', hint: 'dashboard.kpi.last30', kind: 'rate', tone: 'good' },
  { key: 'satisfaction', label: 'dashboard.kpi.satisfaction', hint: 'dashboard.kpi.last30', kind: 'score', tone: 'good' },
  { key: 'pendingSummonses', label: 'dashboard.kpi.pendingSummonses', unit: 'dashboard.unit.summons', kind: 'count', tone: 'alert' },
];

export function KpiTiles({ kpis }: { kpis: DashboardKpis | null }) {
  const { t, locale } = useI18n();
  return (
    <div className="gg-kpis" data-testid="kpi-tiles">
      {TILES.map((tile) => {
        const value = kpis ? kpis[tile.key] : null;
        const text = tile.kind === 'rate' ? formatRate(value, locale) : tile.kind === 'score' ? formatScore(value, locale) : formatTileCount(value, locale);
        const unit = tile.kind === 'score' && value !== null ? '/ 5' : tile.unit && value !== null ? t(tile.unit) : '';
        // An alert figure is red only when there is something to worry about.
        const tone = tile.tone === 'alert' ? (typeof value === 'number' && value > 0 ? 'alert' : 'plain') : (tile.tone ?? 'plain');
        return (
          <div
            key={tile.key}
            className={`gg-kpi gg-kpi-${tone}`}
            data-testid={`kpi-${tile.key}`}
            data-value={value === null ? '' : String(value)}
          >
            <div className="gg-kpi-label" title={tile.hint ? `${t(tile.label)} · ${t(tile.hint)}` : t(tile.label)}>
              {t(tile.label)}
              {tile.hint && <span className="gg-kpi-hint">{t(tile.hint)}</span>}
            </div>
            {kpis ? (
              <div className="gg-kpi-value" title={tile.kind === 'count' ? formatCount(value, locale) : undefined}>
                <span data-testid={`kpi-${tile.key}-text`}>{text}</span>
                {unit && <span className="gg-kpi-unit">{unit}</span>}
              </div>
            ) : (
              <Skeleton.Button active size="small" style={{ width: 80, marginTop: 6 }} />
            )}
          </div>
        );
      })}
    </div>
  );
}
