/** The retention periods' configuration (GRIDGOV_RETAIN_<KIND>_DAYS); the job is retention.ts. */
export function retentionVariable(kind: string): string {
  return `GRIDGOV_RETAIN_${kind.toUpperCase().replace(/-/g, '_')}_DAYS`;
}

/** GRIDGOV_RETAIN_*_DAYS from the environment, by kind (`TICKET_REPORTER` -> `ticket-reporter`). */
export function parseRetentionDays(env: NodeJS.ProcessEnv): Record<string, number> {
  const days: Record<string, number> = {};
  for (const [name, value] of Object.entries(env)) {
    const m = /^GRIDGOV_RETAIN_([A-Z0-9_]+)_DAYS$/.exec(name);
    if (!m || value === undefined || value === '') continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of days (0: keep for ever), not '${value}'`);
    days[m[1]!.toLowerCase().replace(/_/g, '-')] = n;
  }
  return days;
}

