/** The editor's text: a definition as indented JSON, and back. Pure functions. */
import type { FormDefinition } from '@gridgov/contracts';

export function definitionText(def: unknown): string {
  return `${JSON.stringify(def, null, 2)}\n`;
}

export type ParsedText = { ok: true; value: unknown } | { ok: false; message: string };

export function parseText(text: string): ParsedText {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** What a new form starts from: one required field, to be renamed. */
export function newFormTemplate(title: string): FormDefinition {
  return {
    key: 'module.form_name',
    version: 1,
    title: { zh: title, en: 'New form' },
    fields: [{ key: 'name', type: 'text', label: { zh: '姓名', en: 'Name' }, required: true }],
    alerts: [],
  };
}

/** The next version of a form starts as a copy of the newest one. */
export function nextVersion(def: FormDefinition, version: number): FormDefinition {
  return { ...def, version };
}
