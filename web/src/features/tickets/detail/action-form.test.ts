import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TICKET_ACTION_INPUTS, TICKET_TRANSITIONS, HANDLING_LEVELS } from '@gridgov/contracts';
import { ACTION_WIDGETS, SENT_BY_FORM, actionBody, actionFields } from './action-form';
import { ACTION_HINTS, ACTION_ORDER } from './action-specs';

const accepts = (action: (typeof TICKET_TRANSITIONS)[number], field: string) =>
  TICKET_ACTION_INPUTS[action].shape[field as keyof (typeof TICKET_ACTION_INPUTS)[typeof action]['shape']].safeParse(undefined).success;

describe('ticket action forms from the contracts', () => {
  for (const action of TICKET_TRANSITIONS) {
    it(`${action}: asks for exactly its schema's fields, required as the schema says`, () => {
      const shape = TICKET_ACTION_INPUTS[action].shape;
      const expected = Object.keys(shape).filter((name) => !SENT_BY_FORM.includes(name)).sort();
      const fields = actionFields(action);
      assert.deepEqual(fields.map((field) => field.name).sort(), expected);
      for (const field of fields) assert.equal(field.required, !accepts(action, field.name), `${action}.${field.name}`);
    });
  }

  it('has a widget for every field any transition takes, and the form sends the version itself', () => {
    const names = new Set(TICKET_TRANSITIONS.flatMap((action) => Object.keys(TICKET_ACTION_INPUTS[action].shape)));
    for (const name of names) assert.ok(SENT_BY_FORM.includes(name) || ACTION_WIDGETS[name], `no widget for ${name}`);
  });

  it('reads what the schemas say: a reason to reject, the date of an extension, a rating to rate, departments to dispatch', () => {
    const required = (action: (typeof TICKET_TRANSITIONS)[number]) => actionFields(action).filter((f) => f.required).map((f) => f.name);
    assert.deepEqual(required('reject'), ['note']);
    assert.deepEqual(required('request_extension'), ['until']);
    assert.deepEqual(required('rate'), ['rating']);
    assert.deepEqual(required('dispatch'), ['departmentIds']);
    assert.deepEqual(required('merge'), ['targetId']);
    assert.deepEqual(required('escalate'), []);
    assert.deepEqual(required('revisit'), ['note']);
  });

  it('takes bounds from the schemas: the note\'s length, the check-in time, the levels', () => {
    const summon = actionFields('summon');
    assert.equal(summon.find((f) => f.name === 'note')?.maxLength, 1000);
    assert.deepEqual(
      { min: summon.find((f) => f.name === 'checkInMinutes')?.min, max: summon.find((f) => f.name === 'checkInMinutes')?.max },
      { min: 10, max: 7 * 24 * 60 },
    );
    assert.deepEqual(actionFields('escalate').find((f) => f.name === 'level')?.options, HANDLING_LEVELS);
  });

  it('shows fields in one order: what is chosen first, the note, the photos last', () => {
    assert.deepEqual(actionFields('dispatch').map((f) => f.widget), ['departments', 'category', 'note', 'photos']);
    assert.deepEqual(actionFields('summon').map((f) => f.widget), ['departments', 'checkInMinutes', 'note', 'photos']);
  });

  it('builds a body of the schema\'s fields only, without blanks, and the schema accepts it', () => {
    const ticket = { version: 3, categoryId: 'c-1' };
    const departmentIds = ['4b1f0c1e-9a5e-4b8a-9f0e-0d6c1a2b3c4d'];
    const dispatch = actionBody('dispatch', { note: '  请处理 ', departmentIds, categoryId: 'c-1', level: 'county', rating: 4 }, ticket);
    // The category unchanged is no correction; a level or rating the action does not take is not sent.
    assert.deepEqual(dispatch, { version: 3, note: '请处理', departmentIds });
    assert.equal(TICKET_ACTION_INPUTS.dispatch.safeParse(dispatch).success, true);
    assert.deepEqual(actionBody('close', { note: '   ' }, ticket), { version: 3 });
    assert.deepEqual(actionBody('rate', { rating: 0 }, ticket), { version: 3 });
    assert.equal(TICKET_ACTION_INPUTS.rate.safeParse(actionBody('rate', { rating: 0 }, ticket)).success, false);
  });

  it('gives every transition a place among the buttons and its look', () => {
    assert.deepEqual([...ACTION_ORDER].sort(), [...TICKET_TRANSITIONS].sort());
    assert.deepEqual(Object.keys(ACTION_HINTS).sort(), [...TICKET_TRANSITIONS].sort());
    for (const action of TICKET_TRANSITIONS) {
      const hints = ACTION_HINTS[action];
      assert.ok(!(hints.primary && hints.danger), `${action} is not both primary and danger`);
      if (hints.departments) assert.ok(actionFields(action).some((f) => f.widget === 'departments'), `${action} asks for departments`);
    }
  });
});
