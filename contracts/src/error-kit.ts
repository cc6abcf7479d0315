/** An error code's HTTP status and its message in both languages. */
export interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

export function defineErrors<const T extends Record<string, ErrorSpec>>(spec: T): T {
  return spec;
}
