/**
 * The KPI tiles of a place, as the modules register them (each module's metrics.ts on the
 * server): label, hint and unit come with the figures in both languages and show in the console's
 * language; the server sends only the tiles the viewer's permissions allow, in their order.
 * Each tile carries its raw value as `data-value` for the browser tests.
 */
import { Skeleton } from 'antd';
import type { DashboardTile } from '@gridgov/contracts';
import { localized } from '@gridgov/contracts';
import { useI18n } from '../../i18n/i18n';
import { formatCount } from './format';
import { tileText } from './tiles';

/** How many placeholders show while the first figures load. */
const LOADING_TILES = 9;

export function KpiTiles({ tiles }: { tiles: readonly DashboardTile[] | null }) {
  const { locale } = useI18n();
  if (!tiles) {
    return (
      <div className="gg-kpis" data-testid="kpi-tiles" data-loading="true">
        {Array.from({ length: LOADING_TILES }, (_, i) => (
          <div key={i} className="gg-kpi gg-kpi-plain">
            <Skeleton.Button active size="small" style={{ width: 80, marginTop: 6 }} />
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className="gg-kpis" data-testid="kpi-tiles">
      {tiles.map((tile) => {
        const { text, unit } = tileText(tile, locale);
        const label = localized(tile.label, locale);
        const hint = tile.hint ? localized(tile.hint, locale) : '';
        // An alert figure is red only when there is something to worry about.
        const tone = tile.tone === 'alert' ? (tile.value !== null && tile.value > 0 ? 'alert' : 'plain') : tile.tone;
        return (
          <div key={tile.id} className={`gg-kpi gg-kpi-${tone}`} data-testid={`kpi-${tile.id}`} data-metric={tile.metric} data-value={tile.value === null ? '' : String(tile.value)}>
            <div className="gg-kpi-label" title={hint ? `${label} · ${hint}` : label}>
              {label}
              {hint && <span className="gg-kpi-hint">{hint}</span>}
            </div>
            <div className="gg-kpi-value" title={tile.kind === 'count' ? formatCount(tile.value, locale) : undefined}>
              <span data-testid={`kpi-${tile.id}-text`}>{text}</span>
              {unit && <span className="gg-kpi-unit">{unit}</span>}
            </div>
          </div>
        );
      })}
    </div>
  );
}
