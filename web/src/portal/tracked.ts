/**
 * Anonymous reports filed from this device, kept in localStorage so the visitor finds their
 * tracking links again. Only the number and the token are kept; the token is the secret.
 */
export interface TrackedReport {
  token: string;
  number: string;
  createdAt: string;
}

const KEY = 'gridgov.portal.tracked';
const MAX = 20;

function isTracked(value: unknown): value is TrackedReport {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.token === 'string' && typeof entry.number === 'string' && typeof entry.createdAt === 'string';
}

export function trackedReports(): TrackedReport[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isTracked) : [];
  } catch {
    return [];
  }
}

export function rememberReport(report: TrackedReport): void {
  const list = [report, ...trackedReports().filter((entry) => entry.token !== report.token)].slice(0, MAX);
  try {
    window.localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Private mode: the tracking link shown after submitting is all the visitor keeps.
  }
}

export function forgetReport(token: string): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(trackedReports().filter((entry) => entry.token !== token)));
  } catch {
    // Nothing stored, nothing to forget.
  }
}
