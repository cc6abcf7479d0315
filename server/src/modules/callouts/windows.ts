/** Call windows in local time (the platform's time zone, Asia/Shanghai by default): whether an instant lies in one, and when the next one opens. */
import type { CallWindow } from '@gridgov/contracts';
import { localDate, localDateTime, localInstant } from '../../platform/time-zone.js';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function windowsValid(windows: readonly CallWindow[]): boolean {
  const spans = windows.map((w) => [minutes(w.start), minutes(w.end)] as const).sort((a, b) => a[0] - b[0]);
  return spans.every(([s, e], i) => e > s && (i === 0 || s >= spans[i - 1]![1]));
}

export function inWindow(at: Date, windows: readonly CallWindow[]): boolean {
  const now = minutes(localDateTime(at).slice(11, 16));
  return windows.some((w) => now >= minutes(w.start) && now < minutes(w.end));
}

/** The end of the window `at` lies in (null outside every window). */
export function windowEnd(at: Date, windows: readonly CallWindow[]): Date | null {
  const now = minutes(localDateTime(at).slice(11, 16));
  const w = windows.find((x) => now >= minutes(x.start) && now < minutes(x.end));
  if (!w) return null;
  const [y, m, d] = localDate(at).split('-').map(Number) as [number, number, number];
  return localInstant(y, m, d, Number(w.end.slice(0, 2)), Number(w.end.slice(3, 5)));
}

/** The next instant after `at` at which a window opens (today or a following day). */
export function nextWindowStart(at: Date, windows: readonly CallWindow[]): Date {
  for (let back = 0; back >= -2; back--) {
    const [y, m, d] = localDate(at, back).split('-').map(Number) as [number, number, number];
    const starts = windows
      .map((w) => localInstant(y, m, d, Number(w.start.slice(0, 2)), Number(w.start.slice(3, 5))))
      .filter((s): s is Date => s !== null && s.getTime() > at.getTime())
      .sort((a, b) => a.getTime() - b.getTime());
    if (starts[0]) return starts[0];
  }
  return new Date(at.getTime() + 86_400_000);
}
