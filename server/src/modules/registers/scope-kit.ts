/** The scope matrix's registers: one record of each kind at the place, made by its county's operator. */
import assert from 'node:assert/strict';
import { idCheckChar, REGISTER_PATHS, type RegisterKind } from '@gridgov/contracts';
import type { Client } from '../../../test/harness.js';
import type { RecordKit, ScopeKit } from '../../../test/scope-kit.js';

let serial = 0;

/** A valid ID number no one else holds. */
function idNumber(): string {
  const first17 = `430702199${String(1 + (serial % 9))}0101${String(100 + serial).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

async function post(client: Client, kind: RegisterKind, body: Record<string, unknown>): Promise<string> {
  const res = await client.post<{ id: string }>(`/api/${REGISTER_PATHS[kind]}`, body);
  assert.equal(res.status, 201, `${kind}: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

function kit(kind: RegisterKind, make: RecordKit['make'], extra: Partial<RecordKit> = {}): RecordKit {
  const base = `/api/${REGISTER_PATHS[kind]}/:id`;
  return {
    make,
    ...extra,
    bodies: {
      [`PATCH ${base}`]: () => ({ version: 1, notes: '越权修改' }),
      [`POST ${base}/unmask`]: () => ({ reason: '核对身份信息', fields: ['idNumber', 'phone', 'contactPhone'] }),
      ...extra.bodies,
    },
  };
}

export const scopeKit: ScopeKit = {
  records: {
    resident: kit('resident', async (_env, place, makers, marker) => {
      serial++;
      const id = idNumber();
      const phone = `139${String(10_000_000 + serial * 7919).slice(0, 8)}`;
      const rid = await post(makers.placeOp, 'resident', { gridId: place.gridId, name: marker, idNumber: id, phone, kind: 'registered', address: `${marker}家` });
      return { id: rid, secrets: [marker, id, phone] };
    }),
    household: kit(
      'household',
      async (_env, place, makers, marker) => ({ id: await post(makers.placeOp, 'household', { gridId: place.gridId, number: marker, address: `${marker}户` }), secrets: [marker] }),
      {
        bodies: { 'POST /api/households/:id/members': () => ({ residentId: '00000000-0000-4000-8000-000000000003', relation: 'child' }) },
        params: () => ({ residentId: '00000000-0000-4000-8000-000000000003' }),
      },
    ),
    building: kit('building', async (_env, place, makers, marker) => ({ id: await post(makers.placeOp, 'building', { gridId: place.gridId, name: marker, lon: place.lon, lat: place.lat }), secrets: [marker] })),
    dwelling: kit('dwelling', async (_env, place, makers, marker) => {
      const buildingId = await post(makers.placeOp, 'building', { gridId: place.gridId, name: `${marker}楼` });
      return { id: await post(makers.placeOp, 'dwelling', { buildingId, room: marker.slice(-6) }), secrets: [`${marker}楼`] };
    }),
    venue: kit('venue', async (_env, place, makers, marker) => ({
      id: await post(makers.placeOp, 'venue', { gridId: place.gridId, name: marker, kind: 'market', lon: place.lon, lat: place.lat, keyPlace: true }),
      secrets: [marker],
    })),
    facility: kit('facility', async (_env, place, makers, marker) => ({
      id: await post(makers.placeOp, 'facility', { gridId: place.gridId, kind: 'street_light', code: marker, name: marker, lon: place.lon, lat: place.lat }),
      secrets: [marker],
    })),
    organization: kit(
      'organization',
      async (_env, place, makers, marker) => ({ id: await post(makers.placeOp, 'organization', { gridId: place.gridId, name: marker, kind: 'shop', lon: place.lon, lat: place.lat }), secrets: [marker] }),
      {
        bodies: { 'POST /api/organizations/:id/employees': () => ({ residentId: '00000000-0000-4000-8000-000000000003' }) },
        params: () => ({ residentId: '00000000-0000-4000-8000-000000000003' }),
      },
    ),
  },
  probes: (place, records) => {
    const resident = records.get('resident');
    return [
      ...(Object.keys(REGISTER_PATHS) as RegisterKind[]).map((k) => ({ method: 'GET' as const, url: `/api/${REGISTER_PATHS[k]}?region=${place.regionCode}&pageSize=200` })),
      { method: 'GET', url: `/api/residents?q=${encodeURIComponent(resident?.secrets[0] ?? '')}` },
      { method: 'GET', url: `/api/residents?idNumber=${resident?.secrets[1] ?? ''}` },
      { method: 'GET', url: `/api/residents?phone=${resident?.secrets[2] ?? ''}` },
      { method: 'GET', url: `/api/residents/grid-counts?region=${place.regionCode}` },
      { method: 'GET', url: `/api/venues/points?region=${place.regionCode}` },
    ];
  },
};
