/**
 * Answers are nested (a repeat holds a list of item objects); the renderer names a field by its
 * path, the same as the engine's errors: `members[1].temperature`. Pure functions, no DOM.
 */
import { formErrorMessage, type FormAnswers, type FormError, type Locale } from '@gridgov/contracts';

export type PathPart = string | number;

/** `['members', 1, 'temperature']` -> `members[1].temperature`. */
export function pathString(parts: readonly PathPart[]): string {
  let out = '';
  for (const part of parts) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of `root` with the value at `parts` replaced (undefined removes a key). */
export function setAt(root: FormAnswers, parts: readonly PathPart[], value: unknown): FormAnswers {
  const update = (node: unknown, depth: number): unknown => {
    const part = parts[depth];
    if (part === undefined) return value;
    if (typeof part === 'number') {
      const list = Array.isArray(node) ? [...(node as unknown[])] : [];
      list[part] = update(list[part], depth + 1);
      return list;
    }
    const object: Record<string, unknown> = isObject(node) ? { ...node } : {};
    const next = update(object[part], depth + 1);
    if (next === undefined) delete object[part];
    else object[part] = next;
    return object;
  };
  return update(root, 0) as FormAnswers;
}

export function getAt(root: FormAnswers, parts: readonly PathPart[]): unknown {
  let node: unknown = root;
  for (const part of parts) {
    if (typeof part === 'number') node = Array.isArray(node) ? node[part] : undefined;
    else node = isObject(node) ? node[part] : undefined;
  }
  return node;
}

/** Whether `path` is `prefix` itself or lies under it (`members[1]` holds `members[1].name`). */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/**
 * After item `removed` of the repeat at `repeatPath` is taken out: paths of that item go, paths
 * of later items move up by one (so touched marks and server errors stay on their fields).
 */
export function shiftAfterRemoval<T>(entries: ReadonlyMap<string, T>, repeatPath: string, removed: number): Map<string, T> {
  const out = new Map<string, T>();
  const item = new RegExp(`^${repeatPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\[(\\d+)\\]`);
  for (const [path, value] of entries) {
    const match = item.exec(path);
    if (!match) {
      out.set(path, value);
      continue;
    }
    const index = Number(match[1]);
    if (index === removed) continue;
    out.set(index > removed ? `${repeatPath}[${index - 1}]${path.slice(match[0].length)}` : path, value);
  }
  return out;
}

/** The engine's errors as path -> message, the first per path. */
export function errorMessages(errors: readonly FormError[], locale: Locale): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of errors) if (!out.has(e.path)) out.set(e.path, formErrorMessage(e, locale));
  return out;
}

/** FORM_ANSWERS_INVALID's details (`{ errors: [{ path, message }] }`) as path -> message. */
export function serverFieldErrors(details: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const errors = isObject(details) && Array.isArray(details.errors) ? details.errors : [];
  for (const e of errors) {
    if (isObject(e) && typeof e.path === 'string' && typeof e.message === 'string' && !out.has(e.path)) out.set(e.path, e.message);
  }
  return out;
}

/**
 * Which messages to show: the server's for a field until it changes, otherwise the engine's for
 * fields already touched (or every field once the user tried to submit).
 */
export function shownErrors(client: ReadonlyMap<string, string>, server: ReadonlyMap<string, string>, touched: ReadonlySet<string>, submitted: boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, message] of client) {
    if (submitted || [...touched].some((t) => isUnder(path, t) || isUnder(t, path))) out.set(path, message);
  }
  for (const [path, message] of server) out.set(path, message);
  return out;
}
