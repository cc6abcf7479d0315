/**
 * The in-memory "which grid contains this point" index used at intake. Rebuilt lazily after
 * any grid change, whichever process made it (grid changes are announced on the live channel).
 */
import { asc, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { kitService } from '../../platform/kit/kit.js';
import { GridIndex } from '../../platform/geo/spatial-index.js';
import type { PolygonGeometry } from '@gridgov/contracts';
import { grid } from './tables.js';

export interface IndexedGrid {
  id: string;
  code: string;
  name: string;
  regionCode: string;
}

/** A grid with its boundary ring(s), as the dashboard's map draws it. */
export interface LocatedGrid extends IndexedGrid {
  coordinates: number[][][];
}

interface Loaded {
  index: GridIndex<IndexedGrid>;
  /** Ordered by code. */
  grids: LocatedGrid[];
  byId: Map<string, LocatedGrid>;
  /** gridsUnder's answers, kept until the grids change. */
  under: Map<string, LocatedGrid[]>;
}

/** The grid index of one running process. */
export const gridLocator = kitService((kit) => new GridLocator(kit.db));

export class GridLocator {
  private index: Loaded | null = null;
  private building: Promise<Loaded> | null = null;
  private generation = 0;

  constructor(private readonly db: Db) {}

  /** Marks the index stale; the next lookup rebuilds it. */
  invalidate(): void {
    this.generation++;
    this.index = null;
  }

  async lookup(lon: number, lat: number): Promise<IndexedGrid | null> {
    return (await this.current()).index.lookup(lon, lat);
  }

  async grid(id: string): Promise<LocatedGrid | null> {
    return (await this.current()).byId.get(id) ?? null;
  }

  /** The grids whose community code starts with a division prefix, ordered by code. */
  async gridsUnder(prefix: string): Promise<LocatedGrid[]> {
    const loaded = await this.current();
    let found = loaded.under.get(prefix);
    if (!found) {
      found = loaded.grids.filter((g) => g.regionCode.startsWith(prefix));
      loaded.under.set(prefix, found);
    }
    return found;
  }

  private async current(): Promise<Loaded> {
    if (this.index) return this.index;
    this.building ??= this.build().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  private async build(): Promise<Loaded> {
    const generation = this.generation;
    const result = await this.db
      .select({ id: grid.id, code: grid.code, name: grid.name, regionCode: grid.regionCode, boundary: grid.boundary })
      .from(grid)
      .where(isNull(grid.deletedAt))
      .orderBy(asc(grid.code));
    const grids = result.map(({ boundary, ...item }) => ({ ...item, coordinates: (boundary as PolygonGeometry).coordinates }));
    const built: Loaded = {
      index: new GridIndex<IndexedGrid>(grids.map(({ coordinates, ...item }) => ({ item, coordinates }))),
      grids,
      byId: new Map(grids.map((g) => [g.id, g])),
      under: new Map(),
    };
    // A change that landed while building makes this index stale already: keep it only if not.
    if (generation === this.generation) this.index = built;
    return built;
  }
}
