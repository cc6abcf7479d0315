/**
 * GA/T 1400 times: `yyyyMMddHHmmss`, 14 digits, no zone, meaning China time (UTC+8). China has
 * kept one offset and no daylight saving since 1991, so the offset is fixed here rather than read
 * from the deployment's zone: a camera in Urumqi still stamps Beijing time, and a deployment set
 * to another zone must not shift what devices send.
 */

/** China Standard Time, the zone every GA/T 1400 time is written in. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;

const PATTERN = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** A refused time, with the reason a device integrator can act on. */
export class ViidTimeError extends Error {
  constructor(
    readonly input: unknown,
    readonly reason: string,
  ) {
    super(`${JSON.stringify(input)} is not a GA/T 1400 time (yyyyMMddHHmmss, China time): ${reason}`);
    this.name = 'ViidTimeError';
  }
}

/** Why a value is not a `yyyyMMddHHmmss` time, or null when it is one. */
export function viidTimeProblem(input: unknown): string | null {
  if (typeof input !== 'string') return `expected a string, got ${input === null ? 'null' : typeof input}`;
  const m = PATTERN.exec(input);
  if (!m) return `expected exactly 14 digits, got ${input.length} characters`;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (y < 1970) return `year ${y} is before 1970`;
  if (mo < 1 || mo > 12) return `month ${mo} is not 01-12`;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return `day ${d} does not exist in ${y}-${String(mo).padStart(2, '0')}`;
  if (h > 23) return `hour ${h} is not 00-23`;
  if (mi > 59) return `minute ${mi} is not 00-59`;
  if (s > 59) return `second ${s} is not 00-59`;
  return null;
}

/** Whether a value is a valid `yyyyMMddHHmmss` time. */
export function isViidTime(input: unknown): input is string {
  return viidTimeProblem(input) === null;
}

/** The instant a `yyyyMMddHHmmss` China time stands for; throws `ViidTimeError` saying why not. */
export function parseViidTime(input: unknown): Date {
  const problem = viidTimeProblem(input);
  if (problem) throw new ViidTimeError(input, problem);
  const [y, mo, d, h, mi, s] = PATTERN.exec(input as string)!.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - CHINA_OFFSET_MS);
}

/** An instant as `yyyyMMddHHmmss` China time (seconds truncated), as `LocalTime` and every time field want it. */
export function formatViidTime(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new ViidTimeError(String(at), 'the date is invalid');
  return new Date(Math.floor(at.getTime() / 1000) * 1000 + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}
