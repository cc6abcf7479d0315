/** Labels of enum values in both languages, declared once per domain and gathered (`ENUM_LABELS`). */
export interface Label {
  zh: string;
  en: string;
}

export type EnumLabels = Record<string, Record<string, Label>>;

export function defineEnumLabels<const T extends EnumLabels>(labels: T): T {
  return labels;
}

/** The message keys of a set of enum labels: `enum.<name>.<value>`. */
export type EnumMessageKey<E extends EnumLabels> = { [N in keyof E & string]: `enum.${N}.${keyof E[N] & string}` }[keyof E & string];

/** The labels as message catalog entries of one language (`enum.sex.male`: 男). */
export function enumMessages<E extends EnumLabels>(labels: E, language: keyof Label): Record<EnumMessageKey<E>, string> {
  const out: Record<string, string> = {};
  for (const [name, values] of Object.entries(labels)) for (const [value, label] of Object.entries(values)) out[`enum.${name}.${value}`] = label[language];
  return out as Record<EnumMessageKey<E>, string>;
}

/** Labels of every value of a list of enum values (no more, no fewer). */
export type Labels<V extends readonly string[]> = Record<V[number], Label>;
