/**
 * Alert rules in words: the fields a campaign's rule may test (the form's own, and those of each
 * household member's item), and a rule's condition as a sentence in the console's language, from
 * the form's labels. Pure functions, no DOM.
 */
import { DATE_REF, OPS_BY_TYPE, type AlertRule, type ConditionOp, type ConditionValue, type FormCondition, type FormDefinition, type FormField, type LocalText } from '@gridgov/contracts';
import type { Translate } from '../../i18n/i18n';

/** Field types a rule of the editor tests (what a worker types or picks). */
const TESTABLE = ['text', 'number', 'date', 'choice', 'multi_choice', 'boolean', 'id_number', 'phone'] as const;
export type TestableField = Extract<FormField, { type: (typeof TESTABLE)[number] }>;

export interface RuleField {
  /** `members.temperature` for a field of a repeat's item; the field's key at the root. */
  id: string;
  field: TestableField;
  /** The repeat whose every item the rule is tried on. */
  forEach?: string;
  label: LocalText;
  /** The repeat's label, for "家庭成员 · 体温". */
  within?: LocalText;
}

const isTestable = (field: FormField): field is TestableField => (TESTABLE as readonly string[]).includes(field.type);

export function ruleFields(definition: Pick<FormDefinition, 'fields'>): RuleField[] {
  return definition.fields.flatMap((field): RuleField[] => {
    if (field.type === 'repeat') return field.fields.filter(isTestable).map((inner) => ({ id: `${field.key}.${inner.key}`, field: inner, forEach: field.key, label: inner.label, within: field.label }));
    return isTestable(field) ? [{ id: field.key, field, label: field.label }] : [];
  });
}

/** The operators a field's type takes (as the form's own conditions), without `in` for free text. */
export function opsFor(field: TestableField): ConditionOp[] {
  return OPS_BY_TYPE[field.type].filter((op) => op !== 'in' || field.type === 'choice' || field.type === 'multi_choice');
}

export const local = (text: LocalText | undefined, locale: string) => (text ? (locale === 'en' ? text.en : text.zh) : '');

export function fieldLabel(rf: Pick<RuleField, 'label' | 'within'>, locale: string): string {
  return rf.within ? `${local(rf.within, locale)} · ${local(rf.label, locale)}` : local(rf.label, locale);
}

/** A value as the form shows it: an option's label, yes/no, a day relative to the answer's. */
export function valueText(field: FormField | undefined, value: ConditionValue, t: Translate, locale: string): string {
  if (typeof value === 'boolean') return t(value ? 'campaign.rule.yes' : 'campaign.rule.no');
  if (field && (field.type === 'choice' || field.type === 'multi_choice')) {
    const option = field.options.find((o) => o.value === value);
    if (option) return local(option.label, locale);
  }
  if (typeof value === 'string') {
    const relative = /^today(?:([+-])(\d+)d)?$/.exec(value);
    if (relative) return relative[1] ? t(relative[1] === '-' ? 'campaign.rule.daysAgo' : 'campaign.rule.daysAhead', { n: Number(relative[2]) }) : t('campaign.rule.today');
  }
  if (field?.type === 'number' && field.unit) return `${value}${local(field.unit, locale)}`;
  return String(value);
}

function findField(fields: readonly FormField[], key: string): FormField | undefined {
  return fields.find((f) => f.key === key);
}

/** A condition in words, with the labels of the fields it tests (those of `scope` first, then the root's). */
export function conditionText(condition: FormCondition, scope: readonly FormField[], root: readonly FormField[], t: Translate, locale: string): string {
  const inner = (c: FormCondition) => conditionText(c, scope, root, t, locale);
  if ('all' in condition) return condition.all.map(inner).join(t('campaign.rule.and'));
  if ('any' in condition) return `(${condition.any.map(inner).join(t('campaign.rule.or'))})`;
  if ('not' in condition) return `${t('campaign.rule.not')}(${inner(condition.not)})`;
  if ('some' in condition || 'every' in condition) {
    const key = 'some' in condition ? condition.some : condition.every;
    const repeat = findField(scope, key) ?? findField(root, key);
    const items = repeat?.type === 'repeat' ? repeat.fields : [];
    const where = conditionText(condition.where, items, root, t, locale);
    return t('some' in condition ? 'campaign.rule.some' : 'campaign.rule.every', { list: repeat ? local(repeat.label, locale) : key, where });
  }
  const field = findField(scope, condition.field) ?? findField(root, condition.field);
  const name = field ? local(field.label, locale) : condition.field;
  const op = t(`campaign.op.${condition.op}`);
  if (condition.value === undefined) return `${name} ${op}`;
  const values = Array.isArray(condition.value) ? condition.value : [condition.value];
  return `${name} ${op} ${values.map((v) => valueText(field, v, t, locale)).join(t('campaign.rule.listSep'))}`;
}

/** A rule in words: "家庭成员 · 体温 ≥ 37.3℃" (each member's item when the rule has `forEach`). */
export function ruleText(rule: AlertRule, definition: Pick<FormDefinition, 'fields'> | undefined, t: Translate, locale: string): string {
  if (!definition) return local(rule.message, locale);
  const repeat = rule.forEach ? findField(definition.fields, rule.forEach) : undefined;
  const scope = repeat?.type === 'repeat' ? repeat.fields : definition.fields;
  const text = conditionText(rule.when, scope, definition.fields, t, locale);
  return repeat ? `${t('campaign.rule.anyOf', { list: local(repeat.label, locale) })}${text}` : text;
}

/** An unused rule key from a field's key (`temperature_2` when `temperature` is taken). */
export function ruleKey(base: string, taken: readonly string[]): string {
  const stem = base.replace(/[^a-z0-9_]/g, '_').replace(/^[^a-z]+/, '').slice(0, 36) || 'rule';
  if (!taken.includes(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.includes(`${stem}_${n}`)) return `${stem}_${n}`;
}

/** One condition line of the rule editor: a field picked by its `RuleField.id`, an operator, a value. */
export interface ConditionDraft {
  fieldId?: string;
  op?: ConditionOp;
  value?: ConditionValue | ConditionValue[];
}

/** How a rule's conditions combine: every one holds, or any one does. */
export type Combine = 'all' | 'any';

export const needsValue = (op: ConditionOp | undefined) => op !== undefined && op !== 'empty' && op !== 'not_empty';

type SimpleCondition = Extract<FormCondition, { field: string }>;
const isSimple = (c: FormCondition): c is SimpleCondition => 'field' in c;

/**
 * A rule's condition as the editor's lines: one condition, or a list of them under `all` / `any`.
 * Inside a rule tried on each item (`forEach`), a key names the item's field first, then the
 * root's (as the forms kit resolves it). Null for what the editor cannot show as lines (a nested
 * list, `not`, `some`/`every`, a field the form does not have): such a rule is kept as it is.
 */
export function ruleDrafts(rule: Pick<AlertRule, 'when' | 'forEach'>, fields: readonly RuleField[]): { combine: Combine; conditions: ConditionDraft[] } | null {
  const when = rule.when;
  const combine: Combine = 'any' in when ? 'any' : 'all';
  const list = 'all' in when ? when.all : 'any' in when ? when.any : [when];
  if (!list.every(isSimple)) return null;
  const conditions: ConditionDraft[] = [];
  for (const c of list) {
    const rf = (rule.forEach ? fields.find((f) => f.forEach === rule.forEach && f.field.key === c.field) : undefined) ?? fields.find((f) => !f.forEach && f.field.key === c.field);
    if (!rf) return null;
    conditions.push({ fieldId: rf.id, op: c.op, ...(c.value !== undefined ? { value: c.value } : {}) });
  }
  return { combine, conditions };
}

/** The repeat the drafts' item fields belong to (a rule is tried on the items of one list at most). */
export function draftsRepeat(drafts: readonly ConditionDraft[], fields: readonly RuleField[]): string | undefined {
  for (const d of drafts) {
    const repeat = fields.find((f) => f.id === d.fieldId)?.forEach;
    if (repeat) return repeat;
  }
  return undefined;
}

/** Whether a line is complete: a field, an operator of its type and a value when it takes one (a date as a day or `today±Nd`). */
export function draftReady(draft: ConditionDraft, fields: readonly RuleField[]): boolean {
  const rf = fields.find((f) => f.id === draft.fieldId);
  if (!rf || !draft.op || !opsFor(rf.field).includes(draft.op)) return false;
  if (!needsValue(draft.op)) return true;
  if (draft.value === undefined || (Array.isArray(draft.value) && draft.value.length === 0)) return false;
  return rf.field.type !== 'date' || (typeof draft.value === 'string' && DATE_REF.test(draft.value));
}

/**
 * The rule's `when` (one condition, or `all` / `any` of them) and `forEach` from complete
 * lines; null while a line is incomplete or lines name items of two different lists.
 */
export function ruleCondition(drafts: readonly ConditionDraft[], combine: Combine, fields: readonly RuleField[]): { when: FormCondition; forEach?: string } | null {
  if (drafts.length === 0 || !drafts.every((d) => draftReady(d, fields))) return null;
  const repeats = new Set(drafts.map((d) => fields.find((f) => f.id === d.fieldId)!.forEach).filter((r): r is string => r !== undefined));
  if (repeats.size > 1) return null;
  const conditions: FormCondition[] = drafts.map((d) => {
    const rf = fields.find((f) => f.id === d.fieldId)!;
    return { field: rf.field.key, op: d.op!, ...(needsValue(d.op) ? { value: d.value! } : {}) };
  });
  const when: FormCondition = conditions.length === 1 ? conditions[0]! : combine === 'any' ? { any: conditions } : { all: conditions };
  const [forEach] = repeats;
  return forEach ? { when, forEach } : { when };
}
