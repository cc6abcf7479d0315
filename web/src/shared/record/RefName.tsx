/**
 * The name of a linked record from its id (a grid, building or dwelling), cached for the page's
 * lifetime: history entries and export filters store ids. People are never looked up this way
 * (each read of a resident is audited).
 */
import { useEffect, useState } from 'react';
import { gridsApi } from '../../api/grids';
import { registersApi } from '../../api/registers';

export type RefKind = 'grid' | 'building' | 'dwelling';

const names = new Map<string, Promise<string>>();

function load(kind: RefKind, id: string): Promise<string> {
  switch (kind) {
    case 'grid':
      return gridsApi.get(id).then((grid) => grid.name);
    case 'building':
      return registersApi.get('building', id).then((building) => building.name);
    case 'dwelling':
      return registersApi.get('dwelling', id).then((dwelling) => dwelling.label);
  }
}

function nameOf(kind: RefKind, id: string): Promise<string> {
  const key = `${kind}:${id}`;
  let found = names.get(key);
  if (!found) {
    found = load(kind, id).catch(() => id);
    names.set(key, found);
  }
  return found;
}

/** Which stored fields link to which records. */
export function refKindOf(field: string): RefKind | null {
  if (field === 'gridId') return 'grid';
  if (field === 'buildingId') return 'building';
  if (field === 'dwellingId') return 'dwelling';
  return null;
}

export function RefName({ kind, id }: { kind: RefKind; id: string }) {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    void nameOf(kind, id).then((found) => {
      if (!cancelled) setName(found);
    });
    return () => {
      cancelled = true;
    };
  }, [kind, id]);
  return <>{name ?? id}</>;
}
