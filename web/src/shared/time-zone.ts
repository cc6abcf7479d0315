/**
 * The deployment's time zone (the server's GRIDGOV_TIME_ZONE, Asia/Shanghai by default): the
 * console shows times and takes "today" in it, wherever the browser is. Read once at start
 * (`loadTimeZone`); until then, and if it cannot be read, the default.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

let zone = DEFAULT_TIME_ZONE;

export function displayTimeZone(): string {
  return zone;
}

export function setDisplayTimeZone(name: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    zone = name;
  } catch {
    zone = DEFAULT_TIME_ZONE;
  }
}

/** Asks the server for its time zone (public; nothing private in it). */
export async function loadTimeZone(): Promise<void> {
  try {
    const res = await fetch('/api/config/time', { credentials: 'same-origin' });
    if (res.ok) setDisplayTimeZone(((await res.json()) as { timeZone: string }).timeZone);
  } catch {
    // The default stands.
  }
}
