/**
 * Labels of data from the message catalogs: an enum value (`enum.<name>.<value>`) and a field
 * (`field.<kind>.<field>`, else `field.<field>`). What is not in the catalogs shows as it is.
 */
import { hasMessage, type Translate } from '../i18n/translate';

/** The label of an enum value; an unknown value is shown as it is, nothing as a dash. */
export function enumLabel(t: Translate, name: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `enum.${name}.${value}`;
  return hasMessage(key) ? t(key) : value;
}

/** Select options of an enum's values, labelled. */
export function enumOptions<V extends string>(t: Translate, name: string, values: readonly V[]): { value: V; label: string }[] {
  return values.map((value) => ({ value, label: enumLabel(t, name, value) }));
}

/** A field's label, the record kind's own first ("姓名" for a resident's name, "名称" elsewhere). */
export function fieldLabel(t: Translate, kind: string, field: string): string {
  const own = `field.${kind}.${field}`;
  if (hasMessage(own)) return t(own);
  const shared = `field.${field}`;
  return hasMessage(shared) ? t(shared) : field;
}
