/** Every domain's enum labels, gathered: the console's catalogs, exports and imports read them here. */
import { DOMAINS } from './domains.js';
import { gather, type Gathered } from './gather.js';
import type { EnumLabels, Label } from './label-kit.js';

export { defineEnumLabels, enumMessages, type EnumLabels, type EnumMessageKey, type Label, type Labels } from './label-kit.js';

export const ENUM_LABELS = gather(DOMAINS, 'enums') as Gathered<typeof DOMAINS, 'enums'>;

/** The label of an enum value in a language; an unknown value as it is. */
export function enumText(name: string, value: string, language: keyof Label): string {
  return (ENUM_LABELS as EnumLabels)[name]?.[value]?.[language] ?? value;
}
