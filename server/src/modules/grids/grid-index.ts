/**
 * The in-memory "which grid contains this point" index used at intake. Rebuilt lazily after
 * any grid change, whichever process made it (grid changes are announced on the live channel).
 */
import { isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { GridIndex } from '../../platform/geo/spatial-index.js';
import type { PolygonGeometry } from '@gridgov/contracts';
import { grid } from './tables.js';

export interface IndexedGrid {
  id: string;
  code: string;
  name: string;
  regionCode: string;
}

export class GridLocator {
  private index: GridIndex<IndexedGrid> | null = null;
  private building: Promise<GridIndex<IndexedGrid>> | null = null;
  private generation = 0;

  constructor(private readonly db: Db) {}

  /** Marks the index stale; the next lookup rebuilds it. */
  invalidate(): void {
    this.generation++;
    this.index = null;
  }

  async lookup(lon: number, lat: number): Promise<IndexedGrid | null> {
    return (await this.current()).lookup(lon, lat);
  }

  private async current(): Promise<GridIndex<IndexedGrid>> {
    if (this.index) return this.index;
    this.building ??= this.build().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  private async build(): Promise<GridIndex<IndexedGrid>> {
    const generation = this.generation;
    const result = await this.db
      .select({ id: grid.id, code: grid.code, name: grid.name, regionCode: grid.regionCode, boundary: grid.boundary })
      .from(grid)
      .where(isNull(grid.deletedAt));
    const built = new GridIndex<IndexedGrid>(
      result.map(({ boundary, ...item }) => ({ item, coordinates: (boundary as PolygonGeometry).coordinates })),
    );
    // A change that landed while building makes this index stale already: keep it only if not.
    if (generation === this.generation) this.index = built;
    return built;
  }
}
