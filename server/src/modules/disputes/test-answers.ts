/** Valid answers to `disputes.register` v1, for the tests, the scope matrix and the demo. */
import { idCheckChar } from '@gridgov/contracts';

/** A valid resident ID number built from a serial (born 1980-1989, a fixed county of Changde). */
export function testIdNumber(serial: number): string {
  const first17 = `430702198${serial % 10}0${1 + (serial % 9)}1${serial % 10}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export interface PartyAnswer {
  name: string;
  idNumber?: string;
  phone?: string;
  sex?: string;
}

export function registerAnswers(name: string, parties: readonly PartyAnswer[], more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    occurred_on: '2026-11-20',
    place: '幸福村三组',
    scale: 'general',
    category: 'neighbour',
    people_count: parties.length,
    summary: `${name}：双方因宅前排水沟堵塞发生争执。`,
    units_involved: '',
    parties: parties.map((p) => ({
      name: p.name,
      party_category: 'person',
      id_type: '111',
      ...(p.idNumber ? { id_number: p.idNumber } : {}),
      sex: p.sex ?? '1',
      ethnic_group: '01',
      education: '70',
      ...(p.phone ? { phone: p.phone } : {}),
      address: '幸福村三组',
    })),
    deadline: '2026-12-31',
    ...more,
  };
}
