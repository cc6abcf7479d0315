/** The worker's survey tasks as points for the map: each at its household's building; follow-ups stand out. */
import type { SurveyTask } from '@gridgov/contracts';
import type { MapPoint } from '../../shared/map/PointsMap';
import { PALETTE } from '../../shared/map/map-style';

export const FOLLOW_UP_COLOR = '#ea580c';

/** Tasks whose household has no placed building are left out (the page counts them). */
export function taskPoints(tasks: readonly SurveyTask[]): MapPoint[] {
  return tasks.flatMap((x) =>
    // A list remembered on the phone before tasks had points has none (undefined): left out too.
    x.lon != null && x.lat != null
      ? [{ id: x.id, lon: x.lon, lat: x.lat, label: `${x.householdNumber} · ${x.address ?? ''}`, color: x.kind === 'follow_up' ? FOLLOW_UP_COLOR : PALETTE[0], highlight: x.kind === 'follow_up' }]
      : [],
  );
}
