/** The pure side of the KPI tiles: how a registered tile's figure reads, and what a new ticket adds. */
import { localized, type DashboardTile } from '@gridgov/contracts';
import type { Locale } from '../../i18n/i18n';
import { formatRate, formatScore, formatTileCount } from './format';

/** A tile's figure and unit in the console's language ("96.4%", "4.20 / 5", "12.3万 人"). */
export function tileText(tile: DashboardTile, locale: Locale): { text: string; unit: string } {
  const { kind, value } = tile;
  const text = kind === 'rate' ? formatRate(value, locale) : kind === 'score' ? formatScore(value, locale) : formatTileCount(value, locale);
  const unit = value === null ? '' : kind === 'score' ? '/ 5' : tile.unit ? localized(tile.unit, locale) : '';
  return { text, unit };
}

/** The metrics a new ticket adds one to: open cases now, and cases reported today. */
const COUNTS_NEW_TICKET = new Set(['tickets.open', 'tickets.reported']);

/** A tile after a ticket was reported just now (before the refresh confirms it). */
export function countingNewTicket(tile: DashboardTile): DashboardTile {
  return tile.kind === 'count' && COUNTS_NEW_TICKET.has(tile.metric) && tile.value !== null ? { ...tile, value: tile.value + 1 } : tile;
}
