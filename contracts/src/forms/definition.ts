/**
 * The form definition language: a versioned form is data (key, version, title, fields, alert
 * rules), checked by `checkDefinition`, rendered by the web and validated by the server from
 * the same definition. Conditions are data too (`{all}`, `{any}`, `{not}`, `{field, op, value}`,
 * `{some}`, `{every}`).
 */
import { z } from 'zod';

// ---------- texts and keys ----------
/** A text in both languages of the console. */
export const localText = z.strictObject({ zh: z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) });
export type LocalText = z.infer<typeof localText>;

/** A field key: what answers are keyed by and paths are made of (`members[1].temperature`). */
export const fieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter (at most 40)');
/** A form key: dotted lower-case words, the module first (`epidemic.household_survey`). */
export const formKey = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'dotted lower-case words').max(64);
/** An option value of a choice: stored in the answers, never shown. */
export const optionValue = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - (at most 64)');

/** A date `YYYY-MM-DD`, or one relative to the day of answering: `today`, `today-14d`, `today+7d`. */
export const DATE_REF = /^(\d{4}-\d{2}-\d{2}|today([+-]\d{1,4}d)?)$/;
export const dateRef = z.string().regex(DATE_REF, 'YYYY-MM-DD, today, today-Nd or today+Nd');

// ---------- conditions ----------
export const CONDITION_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'empty', 'not_empty'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];
export type ConditionValue = string | number | boolean;

/**
 * When a field shows or an alert is raised. A field reference inside a repeat item resolves to
 * the item's sibling first, then outwards to the root. A hidden field counts as unanswered.
 */
export type FormCondition =
  | { all: FormCondition[] }
  | { any: FormCondition[] }
  | { not: FormCondition }
  | { field: string; op: ConditionOp; value?: ConditionValue | ConditionValue[] }
  | { some: string; where: FormCondition }
  | { every: string; where: FormCondition };

const scalar = z.union([z.string().max(500), z.number(), z.boolean()]);

export const formCondition: z.ZodType<FormCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(formCondition).min(1).max(50) }),
    z.strictObject({ any: z.array(formCondition).min(1).max(50) }),
    z.strictObject({ not: formCondition }),
    z.strictObject({ field: fieldKey, op: z.enum(CONDITION_OPS), value: z.union([scalar, z.array(scalar).min(1).max(200)]).optional() }),
    z.strictObject({ some: fieldKey, where: formCondition }),
    z.strictObject({ every: fieldKey, where: formCondition }),
  ]),
);

// ---------- fields ----------
const base = {
  key: fieldKey,
  label: localText,
  /** A line under the field: what to ask, how to measure. */
  help: localText.optional(),
  /** Shown only when this holds; a hidden field is never required and its answer is dropped. */
  showIf: formCondition.optional(),
};
const answered = { ...base, required: z.boolean().optional() };

export const choiceOption = z.strictObject({ value: optionValue, label: localText });
export type ChoiceOption = z.infer<typeof choiceOption>;

/** An uploaded file as an answer: its attachment id (the rest is what the upload answered). */
export const formAttachment = z.strictObject({
  id: z.uuid(),
  name: z.string().max(200).optional(),
  contentType: z.string().max(100).optional(),
  size: z.number().int().min(0).optional(),
});
export type FormAttachment = z.infer<typeof formAttachment>;

export const formLocation = z.strictObject({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  address: z.string().max(200).optional(),
});
export type FormLocation = z.infer<typeof formLocation>;

const count = (max: number) => z.number().int().min(0).max(max);

export const textField = z.strictObject({
  ...answered,
  type: z.literal('text'),
  multiline: z.boolean().optional(),
  minLength: count(10_000).optional(),
  /** Default 200 for one line, 2000 for several. */
  maxLength: z.number().int().min(1).max(10_000).optional(),
  /** A JavaScript regular expression (unicode) the whole answer is tested against. */
  pattern: z.string().min(1).max(500).optional(),
  /** What to say when the pattern does not match. */
  patternMessage: localText.optional(),
  placeholder: localText.optional(),
  default: z.string().max(10_000).optional(),
});

export const numberField = z.strictObject({
  ...answered,
  type: z.literal('number'),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional(),
  unit: localText.optional(),
  /** The step of the input's arrows (display only). */
  step: z.number().positive().optional(),
  default: z.number().optional(),
});

export const dateField = z.strictObject({
  ...answered,
  type: z.literal('date'),
  min: dateRef.optional(),
  max: dateRef.optional(),
  default: dateRef.optional(),
});

export const choiceField = z.strictObject({
  ...answered,
  type: z.literal('choice'),
  options: z.array(choiceOption).min(1).max(200),
  /** Radio buttons or a dropdown; by default radios up to 6 options. */
  display: z.enum(['radio', 'select']).optional(),
  default: optionValue.optional(),
});

export const multiChoiceField = z.strictObject({
  ...answered,
  type: z.literal('multi_choice'),
  options: z.array(choiceOption).min(1).max(200),
  minSelected: count(200).optional(),
  maxSelected: z.number().int().min(1).max(200).optional(),
  default: z.array(optionValue).max(200).optional(),
});

export const booleanField = z.strictObject({
  ...answered,
  type: z.literal('boolean'),
  /** The answer must be yes: a declaration one signs up to (承诺). */
  mustBeTrue: z.boolean().optional(),
  default: z.boolean().optional(),
});

export const photoField = z.strictObject({
  ...answered,
  type: z.literal('photo'),
  minCount: count(20).optional(),
  /** Default 9. */
  maxCount: z.number().int().min(1).max(20).optional(),
});

export const locationField = z.strictObject({
  ...answered,
  type: z.literal('location'),
  /** Also ask for the address in words. */
  withAddress: z.boolean().optional(),
  default: formLocation.optional(),
});

export const signatureField = z.strictObject({ ...answered, type: z.literal('signature') });

export const idNumberField = z.strictObject({ ...answered, type: z.literal('id_number') });

export const phoneField = z.strictObject({
  ...answered,
  type: z.literal('phone'),
  /** Only a mobile number; otherwise a landline with its area code is accepted too. */
  mobileOnly: z.boolean().optional(),
  default: z.string().max(30).optional(),
});

/** Text shown in the form (a heading, an instruction); it takes no answer. */
export const noteField = z.strictObject({ ...base, type: z.literal('note'), tone: z.enum(['info', 'warning']).optional() });

export type TextField = z.infer<typeof textField>;
export type NumberField = z.infer<typeof numberField>;
export type DateField = z.infer<typeof dateField>;
export type ChoiceField = z.infer<typeof choiceField>;
export type MultiChoiceField = z.infer<typeof multiChoiceField>;
export type BooleanField = z.infer<typeof booleanField>;
export type PhotoField = z.infer<typeof photoField>;
export type LocationField = z.infer<typeof locationField>;
export type SignatureField = z.infer<typeof signatureField>;
export type IdNumberField = z.infer<typeof idNumberField>;
export type PhoneField = z.infer<typeof phoneField>;
export type NoteField = z.infer<typeof noteField>;

/** A list of items, each with its own fields (household members, parties to a dispute). */
export interface RepeatField {
  key: string;
  label: LocalText;
  help?: LocalText | undefined;
  showIf?: FormCondition | undefined;
  required?: boolean | undefined;
  type: 'repeat';
  minItems?: number | undefined;
  /** Default 50. */
  maxItems?: number | undefined;
  /** What one item is called (成员, 当事人): "成员 2", "添加成员". */
  itemLabel?: LocalText | undefined;
  fields: FormField[];
}

export type ValueField =
  | TextField
  | NumberField
  | DateField
  | ChoiceField
  | MultiChoiceField
  | BooleanField
  | PhotoField
  | LocationField
  | SignatureField
  | IdNumberField
  | PhoneField;
export type FormField = ValueField | NoteField | RepeatField;
export type FieldType = FormField['type'];

export const FIELD_TYPES = [
  'text', 'number', 'date', 'choice', 'multi_choice', 'boolean', 'photo', 'location', 'signature', 'id_number', 'phone', 'note', 'repeat',
] as const satisfies readonly FieldType[];

export const formField: z.ZodType<FormField> = z.lazy(() =>
  z.discriminatedUnion('type', [
    textField, numberField, dateField, choiceField, multiChoiceField, booleanField, photoField, locationField, signatureField, idNumberField, phoneField, noteField,
    z.strictObject({
      ...answered,
      type: z.literal('repeat'),
      minItems: count(200).optional(),
      maxItems: z.number().int().min(1).max(200).optional(),
      itemLabel: localText.optional(),
      fields: z.array(formField).min(1).max(100),
    }),
  ]),
);

// ---------- alert rules ----------
export const ALERT_LEVELS = ['info', 'warning', 'critical'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/**
 * Answers that raise an alert. `action` is a hint the module acts on (`follow_up`, `ticket`,
 * `notify`, `quarantine`, ...). With `forEach` (a repeat at the root) the rule is tried on each
 * item and raises one alert per matching item, with the item's path.
 */
export const alertRule = z.strictObject({
  key: fieldKey,
  when: formCondition,
  level: z.enum(ALERT_LEVELS),
  message: localText,
  action: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/).optional(),
  forEach: fieldKey.optional(),
});
export type AlertRule = z.infer<typeof alertRule>;

// ---------- the definition ----------
export const formDefinition = z.strictObject({
  key: formKey,
  version: z.number().int().min(1).max(1_000_000),
  title: localText,
  description: localText.optional(),
  fields: z.array(formField).min(1).max(200),
  alerts: z.array(alertRule).max(50).optional(),
});
export type FormDefinition = z.infer<typeof formDefinition>;

/** Answers as submitted: field key to value (a repeat's value is a list of such objects). */
export type FormAnswers = Record<string, unknown>;

/** Whether a field takes an answer (a note does not). */
export function isValueField(field: FormField): field is ValueField | RepeatField {
  return field.type !== 'note';
}
