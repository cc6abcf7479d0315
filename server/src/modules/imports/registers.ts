/**
 * The import target of every import kind: the register kinds (the imports module's own targets)
 * and the kinds modules offer through their definitions (the kit's registry), found by name.
 */
import type { Actor } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Registry } from '../../platform/kit/kit.js';
import type { RegisterKind } from '@gridgov/contracts';
import type { FieldSpec } from './fields.js';
import type { ImportTarget } from './import-target.js';
import { kindTarget } from './kind-target.js';
import { residentTarget } from './resident-target.js';
import { rowTarget } from './row-target.js';
import { organizationImport, householdImport } from './targets/organisations.js';
import { buildingImport, dwellingImport, facilityImport, venueImport } from './targets/places.js';

export const IMPORT_TARGETS: Record<RegisterKind, ImportTarget> = {
  resident: residentTarget,
  household: rowTarget(householdImport),
  building: rowTarget(buildingImport),
  dwelling: rowTarget(dwellingImport),
  venue: rowTarget(venueImport),
  facility: rowTarget(facilityImport),
  organization: rowTarget(organizationImport),
};

/** Where the kinds modules offer are found. */
export type ImportKinds = Pick<Registry, 'imports'>;

const made = new WeakMap<ImportKinds['imports'], Map<string, ImportTarget>>();

/** The target of an import kind, or undefined when there is no such kind. */
export function findImportTarget(registry: ImportKinds, kind: string): ImportTarget | undefined {
  if (Object.hasOwn(IMPORT_TARGETS, kind)) return IMPORT_TARGETS[kind as RegisterKind];
  const offered = registry.imports.get(kind);
  if (!offered) return undefined;
  let targets = made.get(registry.imports);
  if (!targets) made.set(registry.imports, (targets = new Map()));
  if (!targets.has(kind)) targets.set(kind, kindTarget(kind, offered));
  return targets.get(kind);
}

/** The target of an import kind; an unknown kind is refused (400). */
export function importTarget(registry: ImportKinds, kind: string): ImportTarget {
  const target = findImportTarget(registry, kind);
  if (!target) throw new AppError('IMPORT_KIND_UNKNOWN', { register: kind });
  return target;
}

/** The fields of an import kind (none for a kind no longer offered). */
export function importFields(registry: ImportKinds, kind: string): readonly FieldSpec[] {
  return findImportTarget(registry, kind)?.fields ?? [];
}

/** The permissions that may import some kind (the import routes take any of them). */
export function importPermissions(registry: ImportKinds): ImportTarget['permission'][] {
  return [...new Set([...Object.values(IMPORT_TARGETS), ...[...registry.imports.keys()].map((k) => findImportTarget(registry, k)!)].map((t) => t.permission))];
}

/** Refuses an actor who may not import the kind (403 when asking for a new import or a template). */
export function assertMayImport(actor: Actor, target: ImportTarget): void {
  if (!actor.permissions.includes(target.permission)) throw new AppError('FORBIDDEN');
}

/**
 * The target of an existing import, for its owner: an import of a kind the owner may no longer
 * import (or no longer offered) is "not found".
 */
export function ownedImportTarget(registry: ImportKinds, actor: Actor, kind: string): ImportTarget {
  const target = findImportTarget(registry, kind);
  if (!target || !actor.permissions.includes(target.permission)) throw notFound();
  return target;
}
