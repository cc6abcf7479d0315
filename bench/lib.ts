/** Small helpers shared by the benchmarks in this folder. */
import pg from 'pg';

export interface BenchArgs {
  /** `--quick`: a smaller, shorter run for CI and smoke tests. */
  quick: boolean;
  /** Everything else on the command line, in order. */
  rest: string[];
}

export function parseBenchArgs(argv: readonly string[] = process.argv.slice(2)): BenchArgs {
  return { quick: argv.includes('--quick'), rest: argv.filter((arg) => arg !== '--quick') };
}

/** Prints (and returns) the one machine-readable line: `BENCH <name> key=value ...`. */
export function benchLine(name: string, fields: Record<string, string | number>): string {
  const line = `BENCH ${name} ${Object.entries(fields)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ')}`;
  console.log(line);
  return line;
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** 1234567 -> '1,234,567'. */
export const formatInt = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * Calls `step` (which does some units of work and returns how many) until at least `minMs`
 * have passed; returns the units done and the time taken.
 */
export function runFor(minMs: number, step: () => number): { units: number; ms: number } {
  const started = performance.now();
  let units = 0;
  let ms = 0;
  do {
    units += step();
    ms = performance.now() - started;
  } while (ms < minMs);
  return { units, ms };
}

/** The PostgreSQL server the benchmarks make their scratch databases on. */
export const PG_ADMIN_URL = process.env.GRIDGOV_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs `work` with the URL of a new scratch database on `PG_ADMIN_URL`, dropped afterwards whatever happens. */
export async function withScratchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `gridgov_bench_${Math.random().toString(16).slice(2, 14)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
