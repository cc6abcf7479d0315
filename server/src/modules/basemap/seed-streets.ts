/** Stores the streets generated from a city's grids (the demo seed, the tests); no audit, like the other seeds. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/client.js';
import { generateStreets, type StreetSourceGrid } from './generate-streets.js';
import { street } from './tables.js';

export async function seedStreets(db: Db, grids: readonly StreetSourceGrid[], now: Date): Promise<number> {
  const rows = generateStreets(grids).map((s) => {
    const lons = s.coordinates.map((p) => p[0]);
    const lats = s.coordinates.map((p) => p[1]);
    return {
      id: randomUUID(),
      name: s.name,
      kind: s.kind,
      regionCode: s.regionCode,
      line: { type: 'LineString', coordinates: s.coordinates },
      minLon: Math.min(...lons),
      minLat: Math.min(...lats),
      maxLon: Math.max(...lons),
      maxLat: Math.max(...lats),
      createdAt: now,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(street).values(rows.slice(i, i + 500));
  return rows.length;
}
