/** Small helpers shared by the benchmarks in this folder. */

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
