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
import { DEMO_REFERENCE_DATE, generateCity, generateResidents, mulberry32, type DemoCity, type DemoResident, type DemoScale } from './generate-city.js';
import type { Random } from './names.js';

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

/** FNV-1a, 32 bits. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The city's residents a household at a time (generateResidents yields members together). */
function* households(city: DemoCity): Generator<DemoResident[]> {
  let current: DemoResident[] = [];
  for (const r of generateResidents(city)) {
    const first = current[0];
    if (first && (first.household !== r.household || first.gridCode !== r.gridCode)) {
      yield current;
      current = [];
    }
    current.push(r);
  }
  if (current.length) yield current;
}

const REFERENCE_YEAR = Number(DEMO_REFERENCE_DATE.slice(0, 4));
const ageOf = (birthDate: string) => REFERENCE_YEAR - Number(birthDate.slice(0, 4));

/** Changde: mostly Han, Tujia in the west, Hui and Uyghur communities in Taoyuan. */
const ETHNICITIES: Array<[string, number]> = [['汉族', 0.895], ['土家族', 0.97], ['回族', 0.982], ['苗族', 0.99], ['维吾尔族', 0.995], ['白族', 1]];

function ethnicity(random: Random): string {
  const draw = random();
  return ETHNICITIES.find(([, p]) => draw < p)?.[0] ?? '汉族';
}

/** Tags of one person (RESIDENT_TAGS), from age, sex, household and chance. */
function tagsOf(random: Random, r: DemoResident, size: number, householdTags: readonly string[], village: boolean, elderlyOnly: boolean): string[] {
  const age = ageOf(r.birthDate);
  const tags = [...householdTags];
  if (size === 1 && age >= 65) tags.push('elderly_alone');
  if (elderlyOnly && size > 1 && age >= 65 && random() < 0.5) tags.push('left_behind_elderly');
  if (village && age < 16 && random() < 0.15) tags.push('left_behind_child');
  if (age >= 18 && random() < 0.07) tags.push('party_member');
  if (age >= 16 && age <= 75 && random() < 0.04) tags.push('volunteer');
  if (r.sex === 'male' && age >= 38 && random() < 0.02) tags.push('veteran');
  if (random() < 0.018) tags.push('disabled');
  if (age >= 55 && random() < 0.15) tags.push('chronic_illness');
  if (r.sex === 'female' && age >= 22 && age <= 38 && random() < 0.015) tags.push('pregnant');
  return tags;
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
  let random: Random = mulberry32(0);
  let grid: ResidentGrid | undefined;
  let village = false;
  for (const members of households(city)) {
    const head = members[0]!;
    if (head.gridCode !== gridCode) {
      gridCode = head.gridCode;
      grid = ctx.grids.get(gridCode);
      if (!grid) throw new Error(`grid ${gridCode} is not in the database`);
      random = mulberry32(hash32(`${ctx.seed}|${gridCode}|residents-extra`));
      // Village committees have codes 200-399 in their last three digits.
      village = Number(head.regionCode.slice(9)) >= 200;
    }
    const g = grid!;
    const householdId = randomUUID();
    const dwellingId = ctx.dwellings.get(gridCode)?.[head.household] ?? null;
    const dwelling = dwellingId ?? '\\N';
    const people = ethnicity(random);
    const householdTags = random() < 0.025 ? ['low_income'] : [];
    const elderlyOnly = members.every((m) => ageOf(m.birthDate) >= 60);
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
          nationality: '中国',
          ethnicity: people,
          tags: tagsOf(random, r, members.length, householdTags, village, elderlyOnly),
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
