/** Gathers one kind of declaration (permissions, audit actions, messages) of every domain into one table, typed. */
import type { DomainSpec } from './domain-kit.js';

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

/** The declarations of kind `K` of every domain, as one object type. */
export type Gathered<D extends Record<string, DomainSpec>, K extends keyof DomainSpec> = UnionToIntersection<
  { [N in keyof D]: D[N][K] extends Record<string, unknown> ? D[N][K] : never }[keyof D]
>;

export function gather<D extends Record<string, DomainSpec>, K extends keyof DomainSpec>(domains: D, kind: K): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [domain, spec] of Object.entries(domains)) {
    for (const [name, value] of Object.entries(spec[kind] ?? {})) {
      if (name in out) throw new Error(`${String(kind)} ${name} is declared twice (again by ${domain})`);
      out[name] = value;
    }
  }
  return out;
}
