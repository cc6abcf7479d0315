/**
 * The generated people of the demo city as COPY lines of `resident`, `household` and
 * `household_member`. Each resident goes through `residentColumns`, the one place a resident row
 * is checked and its ID number and phone protected (the API and the importer use it too), and
 * `residentLine`, the importer's stored form; so a loaded resident is what the API would store.
 * A few tags, ethnicity and nationality are drawn per person from their own seeded stream.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { PiiVault } from '../../platform/pii/vault.js';
import { copyText } from '../imports/bulk-tx.js';
import { LINE_COLUMNS, residentLine } from '../imports/resident-line.js';
import { residentColumns } from '../registers/resident-columns.js';
import { generateCity, type DemoCity, type DemoScale } from './generate-city.js';
import { taggedHouseholds } from './resident-extras.js';

export const RESIDENT_COPY_COLUMNS = [...LINE_COLUMNS, 'grid_id', 'region_code', 'version', 'created_at', 'updated_at', 'dwelling_id'] as const;
export const HOUSEHOLD_COPY_COLUMNS = ['id', 'grid_id', 'region_code', 'version', 'created_at', 'updated_at', 'number', 'kind', 'dwelling_id', 'address'] as const;
export const MEMBER_COPY_COLUMNS = ['household_id', 'resident_id', 'relation', 'joined_at'] as const;

export interface ResidentGrid {
  id: string;
  code: string;
  regionCode: string;
}

export interface HouseholdLines {
  household: string;
  residents: string[];
  members: string[];
}

/** Many households' lines, one text per table (UTF-8 when it comes from a worker thread). */
export interface ResidentBatch {
  residents: string | Uint8Array;
  households: string | Uint8Array;
  members: string | Uint8Array;
  residentRows: number;
  householdRows: number;
}

export interface ResidentLoadContext {
  vault: PiiVault;
  seed: number;
  /** Grids by code. */
  grids: ReadonlyMap<string, ResidentGrid>;
  /** Dwelling ids of each grid (by grid code): household n of the grid lives in the nth, if there is one. */
  dwellings: ReadonlyMap<string, readonly string[]>;
  now: Date;
}

/** COPY lines of every household of the city with its members, in the order generated. */
export function* residentLines(city: DemoCity, ctx: ResidentLoadContext): Generator<HouseholdLines> {
  const stamp = ctx.now.toISOString();
  let gridCode = '';
  let grid: ResidentGrid | undefined;
  for (const members of taggedHouseholds(city)) {
    const head = members[0]!;
    if (head.gridCode !== gridCode) {
      gridCode = head.gridCode;
      grid = ctx.grids.get(gridCode);
      if (!grid) throw new Error(`grid ${gridCode} is not in the database`);
    }
    const g = grid!;
    const householdId = randomUUID();
    const dwellingId = ctx.dwellings.get(gridCode)?.[head.household] ?? null;
    const dwelling = dwellingId ?? '\\N';
    const out: HouseholdLines = {
      household: `${householdId}\t${g.id}\t${g.regionCode}\t1\t${stamp}\t${stamp}\t${gridCode}-${String(head.household + 1).padStart(4, '0')}\tfamily\t${dwelling}\t${copyText(head.address)}\n`,
      residents: [],
      members: [],
    };
    for (const r of members) {
      const columns = residentColumns(
        ctx.vault,
        {
          name: r.name,
          idNumber: r.idNumber,
          phone: r.phone,
          kind: r.kind,
          address: r.address,
          dwellingId,
          birthDate: r.birthDate,
          nationality: r.nationality,
          ethnicity: r.ethnicity,
          tags: r.tags,
        },
        null,
        ctx.now,
      );
      if (!columns.ok) throw new Error(`generated resident refused: ${JSON.stringify(columns.errors)}`);
      const line = residentLine(columns.value);
      // residentLine starts with the new record's id.
      const residentId = line.slice(0, 36);
      out.residents.push(`${line}\t${g.id}\t${g.regionCode}\t1\t${stamp}\t${stamp}\t${dwelling}\n`);
      out.members.push(`${householdId}\t${residentId}\t${r.relation}\t${stamp}\n`);
    }
    yield out;
  }
}

/** Households a batch holds: about 5,000 residents, 2.5 MB of COPY text. */
const BATCH_HOUSEHOLDS = 2000;

/** The next batch of households from `lines`, or null at the end. */
export function nextBatch(lines: Iterator<HouseholdLines>): (ResidentBatch & { residents: string; households: string; members: string }) | null {
  let residents = '';
  let households = '';
  let members = '';
  let residentRows = 0;
  let householdRows = 0;
  for (; householdRows < BATCH_HOUSEHOLDS; householdRows++) {
    const next = lines.next();
    if (next.done) break;
    households += next.value.household;
    for (const line of next.value.residents) residents += line;
    for (const line of next.value.members) members += line;
    residentRows += next.value.residents.length;
  }
  return householdRows ? { residents, households, members, residentRows, householdRows } : null;
}

/** What a resident worker needs to make the same lines as this thread would. */
export interface ResidentWorkerInit {
  scale: DemoScale;
  seed: number;
  /** The personal-data master key. */
  key: Uint8Array;
  grids: Array<[code: string, id: string, regionCode: string]>;
  dwellings: Array<[gridCode: string, ids: readonly string[]]>;
  now: string;
}

export type ResidentWorkerMessage = ResidentBatch | { done: true } | { error: string };

/** The worker's entry; under tsx (TypeScript sources) the worker registers tsx first. */
function spawn(init: ResidentWorkerInit): Worker {
  const self = import.meta.url;
  const entry = new URL(`./resident-worker${self.endsWith('.ts') ? '.ts' : '.js'}`, self).href;
  const boot = self.endsWith('.ts')
    ? `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`
    : `import(${JSON.stringify(entry)})`;
  // A young generation large enough for a batch's garbage to die young: less collecting.
  return new Worker(boot, { eval: true, workerData: init, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
}

/** Batches ahead of the COPY: enough to keep the worker busy while this thread writes. */
const AHEAD = 4;

/**
 * The city's resident batches made on a worker thread (the checks, encryption and hashing are
 * most of the work), a few batches ahead of the caller. The same lines as `residentLines`.
 */
export async function* residentBatchesOnWorker(init: ResidentWorkerInit): AsyncGenerator<ResidentBatch> {
  const worker = spawn(init);
  const queue: ResidentWorkerMessage[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  worker.on('message', (m: ResidentWorkerMessage) => {
    queue.push(m);
    signal();
  });
  worker.on('error', (error: Error) => {
    failure ??= error;
    signal();
  });
  worker.on('exit', (code) => {
    if (code !== 0) failure ??= new Error(`resident worker stopped (${code})`);
    signal();
  });
  worker.postMessage({ credit: AHEAD });
  try {
    for (;;) {
      while (!queue.length && !failure) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift();
      if (!m) throw failure ?? new Error('resident worker failed');
      if ('error' in m) throw new Error(`resident worker: ${m.error}`);
      if ('done' in m) return;
      worker.postMessage({ credit: 1 });
      yield m;
    }
  } finally {
    await worker.terminate();
  }
}

/** The lines of the city a worker makes (see resident-worker.ts). */
export function workerLines(init: ResidentWorkerInit, vault: PiiVault): Iterator<HouseholdLines> {
  const city = generateCity({ scale: init.scale, seed: init.seed });
  return residentLines(city, {
    vault,
    seed: init.seed,
    grids: new Map(init.grids.map(([code, id, regionCode]) => [code, { id, code, regionCode }])),
    dwellings: new Map(init.dwellings),
    now: new Date(init.now),
  });
}
