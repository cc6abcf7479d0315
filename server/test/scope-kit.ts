/**
 * What a module gives the generated scope matrix (server/src/scope-matrix.int.test.ts): for each
 * kind of record its routes name (`config.record`), a way to make one at a given place, and the
 * valid bodies and parameters its write routes need, so that every route is called for real by
 * viewers who must not reach the record. Each module keeps its kit in `modules/<name>/scope-kit.ts`.
 */
import type { Role } from '@gridgov/contracts';
import type { DemoGrid } from '../src/modules/demo/generate-city.js';
import type { Client, TestEnv } from './harness.js';

/** Where a record is made: a grid, its community and county, and a point inside it. */
export interface Place {
  grid: DemoGrid;
  gridId: string;
  regionCode: string;
  countyCode: string;
  lon: number;
  lat: number;
}

/** A record made for the matrix: its id, and what must never reach a viewer outside its scope. */
export interface MadeRecord {
  id: string;
  /** Names, texts and numbers only this record holds. */
  secrets: string[];
}

/** Accounts that make the records. */
export interface Makers {
  /** The city's command centre (scope: the whole city). */
  cityOp: Client;
  sysadmin: Client;
  secadmin: Client;
  /** An operator whose scope is the place's community. */
  placeOp: Client;
}

export interface RecordKit {
  /** Makes a record at the place. */
  make(env: TestEnv, place: Place, makers: Makers, marker: string): Promise<MadeRecord>;
  /**
   * Valid bodies of the write routes on the record, by `METHOD url` (the url as registered):
   * a viewer allowed the route but not the record must get "not found", not "bad request".
   */
  bodies?: Record<string, (record: MadeRecord) => unknown>;
  /** Values of the route parameters other than the record's own (`:residentId`...). */
  params?: (record: MadeRecord) => Record<string, string>;
  /**
   * Which places to make it at: `outside` (another county) for every viewer, `neighbour` (another
   * grid of the grid workers' community) for the grid-scoped ones. Records of a community or above
   * (regions, departments) are seen from every grid of it, so they are made outside only.
   */
  places?: readonly ('outside' | 'neighbour')[];
  /** Records that are not kept in a scope (configuration every holder of the permission reads), with the reason: the matrix skips them. */
  unscoped?: string;
}

export interface ScopeKit {
  records: Record<string, RecordKit>;
  /** Reads aimed at the place or the records' contents (a lookup at its point, a search by name): none may show them. */
  probes?: (place: Place, made: ReadonlyMap<string, MadeRecord>) => Probe[];
}

export interface Probe {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  /** Roles this answer may tell where the place is (its grid and community), with the reason in a comment. */
  placeShownTo?: readonly Role[];
}
