/** What the enterprises' tests and scope kit make through the API: an enterprise with employees, answers to the resumption form. */
import assert from 'node:assert/strict';
import { idCheckChar } from '@gridgov/contracts';
import type { Client } from '../../../test/harness.js';
import { resumptionAnswers } from './answers.js';

let serial = 0;

export interface MadeEnterprise {
  id: string;
  employees: { id: string; name: string; idNumber: string; phone: string }[];
}

/** An enterprise of a grid with `count` employees (the first its contact), each a resident with an ID number and phone. */
export async function makeEnterprise(client: Client, gridId: string, name: string, count = 3): Promise<MadeEnterprise> {
  const employees: MadeEnterprise['employees'] = [];
  for (let i = 0; i < count; i++) {
    serial++;
    const first17 = `430703198${String(1 + (serial % 9))}0202${String(serial % 1000).padStart(3, '0')}`;
    const idNumber = first17 + idCheckChar(first17);
    const phone = `137${String(20_000_000 + serial * 7919).slice(0, 8)}`;
    const person = await client.post<{ id: string }>('/api/residents', { gridId, name: `${name}员工${i + 1}`, idNumber, phone, kind: 'registered' });
    assert.equal(person.status, 201, JSON.stringify(person.body));
    employees.push({ id: person.body.id, name: `${name}员工${i + 1}`, idNumber, phone });
  }
  const org = await client.post<{ id: string }>('/api/organizations', { gridId, name, kind: 'enterprise', contactName: employees[0]?.name ?? null, contactPhone: employees[0]?.phone ?? '13700000000' });
  assert.equal(org.status, 201, JSON.stringify(org.body));
  for (const e of employees) {
    const added = await client.post(`/api/organizations/${org.body.id}/employees`, { residentId: e.id });
    assert.equal(added.status, 200, JSON.stringify(added.body));
  }
  return { id: org.body.id, employees };
}

export function applicationBody(made: MadeEnterprise, resumeOn: string) {
  return { organizationId: made.id, formVersion: 1, answers: resumptionAnswers(resumeOn), staff: made.employees.map((e, i) => ({ residentId: e.id, returning: i === 0, ...(i === 0 ? { comingFrom: '湖北省武汉市' } : {}) })) };
}
