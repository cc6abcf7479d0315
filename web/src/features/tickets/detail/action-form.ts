/**
 * The form of each ticket transition, read from its input schema in the contracts
 * (`TICKET_ACTION_INPUTS`): one field per schema field (but the version, which the form sends
 * itself), required when the schema requires it, with the schema's bounds. Only how a field is
 * asked for (which widget, in which order) and how an action looks (action-specs.ts) are said
 * here by hand: a new field in a contract needs a widget below, or the tests fail.
 */
import { TICKET_ACTION_INPUTS, type TicketTransition } from '@gridgov/contracts';
import { schemaBounds, schemaRequires, type SchemaBounds } from '../../../shared/schema';

/** How a field is asked for. */
export type ActionWidget = 'target' | 'level' | 'departments' | 'checkInMinutes' | 'category' | 'until' | 'rating' | 'note' | 'publicNote' | 'photos';

/** The widget of each input field the transitions take, in the order the form shows them. */
export const ACTION_WIDGETS: Readonly<Record<string, ActionWidget>> = {
  targetId: 'target',
  level: 'level',
  departmentIds: 'departments',
  checkInMinutes: 'checkInMinutes',
  categoryId: 'category',
  until: 'until',
  rating: 'rating',
  note: 'note',
  publicNote: 'publicNote',
  attachmentIds: 'photos',
};

/** Sent by the form itself, never asked for: the version of the ticket the user read. */
export const SENT_BY_FORM: readonly string[] = ['version'];

export interface ActionField extends SchemaBounds {
  /** The schema's field name (what the server names in its errors). */
  name: string;
  widget: ActionWidget;
  required: boolean;
}

const ORDER = Object.keys(ACTION_WIDGETS);

/** The fields of an action's form, in display order. Throws for a schema field without a widget. */
export function actionFields(action: TicketTransition): ActionField[] {
  const shape = TICKET_ACTION_INPUTS[action].shape;
  return Object.entries(shape)
    .filter(([name]) => !SENT_BY_FORM.includes(name))
    .map(([name, schema]) => {
      const widget = ACTION_WIDGETS[name];
      if (!widget) throw new Error(`No form widget for the field "${name}" of the ticket action "${action}"`);
      return { name, widget, required: schemaRequires(schema), ...schemaBounds(schema) };
    })
    .sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
}

/** What the form holds for each widget, before it becomes the request body. */
export interface ActionValues {
  note?: string;
  /** A text for the reporter and the public timeline. */
  publicNote?: string;
  departmentIds?: string[];
  level?: string;
  /** An ISO time (the date picker's value, converted). */
  until?: string;
  rating?: number;
  targetId?: string;
  categoryId?: string;
  checkInMinutes?: number;
  attachmentIds?: string[];
}

/**
 * The request body of an action from the form's values: only its schema's fields, blanks left
 * out (the schema says whether that is allowed), and the version read. A category "corrected"
 * to the one the ticket has is no correction.
 */
export function actionBody(action: TicketTransition, values: ActionValues, ticket: { version: number; categoryId: string }): Record<string, unknown> {
  const body: Record<string, unknown> = { version: ticket.version };
  for (const field of actionFields(action)) {
    const value = values[field.name as keyof ActionValues];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') {
      const text = value.trim();
      if (text === '') continue;
      if (field.name === 'categoryId' && text === ticket.categoryId) continue;
      body[field.name] = text;
    } else if (typeof value === 'number') {
      if (value === 0 && field.widget === 'rating') continue;
      body[field.name] = value;
    } else {
      body[field.name] = value;
    }
  }
  return body;
}
