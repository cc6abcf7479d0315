/**
 * The name of a linked record from its id (a grid, building or dwelling), read once and kept:
 * history entries and export filters store ids. People are never looked up this way (each read
 * of a resident is audited).
 */
import { useQuery } from '@tanstack/react-query';
import { gridQueries } from '../../api/grids';
import { registerQueries } from '../../api/registers';

export type RefKind = 'grid' | 'building' | 'dwelling';

/** Which stored fields link to which records. */
export function refKindOf(field: string): RefKind | null {
  if (field === 'gridId') return 'grid';
  if (field === 'buildingId') return 'building';
  if (field === 'dwellingId') return 'dwelling';
  return null;
}

const kept = { staleTime: Infinity, meta: { silent: true } } as const;

function useRefName(kind: RefKind, id: string): string | null {
  const grid = useQuery({ ...gridQueries.detail(id), ...kept, enabled: kind === 'grid' });
  const building = useQuery({ ...registerQueries.detail('building', id), ...kept, enabled: kind === 'building' });
  const dwelling = useQuery({ ...registerQueries.detail('dwelling', id), ...kept, enabled: kind === 'dwelling' });
  if (kind === 'grid') return grid.data?.name ?? (grid.isError ? id : null);
  if (kind === 'building') return building.data?.name ?? (building.isError ? id : null);
  return dwelling.data?.label ?? (dwelling.isError ? id : null);
}

/** The name, or the id while reading (and when the record cannot be read). */
export function RefName({ kind, id }: { kind: RefKind; id: string }) {
  return <>{useRefName(kind, id) ?? id}</>;
}
