import { REGION_LEVELS, type RegionLevel } from '@gridgov/contracts';

/** Levels are stored as 1 (province) .. 5 (community). */
export function levelNumber(level: RegionLevel): number {
  return REGION_LEVELS.indexOf(level) + 1;
}

export function levelName(n: number): RegionLevel {
  const level = REGION_LEVELS[n - 1];
  if (!level) throw new Error(`Unknown region level ${n}`);
  return level;
}
