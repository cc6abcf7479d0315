import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ROLE_PERMISSIONS } from '@gridgov/contracts';
import { ticketLink } from './use-open-ticket';

describe('where a ticket opens', () => {
  it('opens in the console for staff and in the portal for a resident', () => {
    assert.equal(ticketLink('t-1', ROLE_PERMISSIONS.operator), '/tickets/all?id=t-1');
    assert.equal(ticketLink('t-1', ROLE_PERMISSIONS.department_handler), '/tickets/all?id=t-1');
    assert.equal(ticketLink('t-1', ROLE_PERMISSIONS.resident), '/portal/tickets/t-1');
  });
});
