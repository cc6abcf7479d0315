/**
 * Conditions over answers. Answers are read through scopes: the root, and one scope per repeat
 * item whose parent is the scope holding the repeat. A field reference resolves in the
 * innermost scope first (the item's siblings), then outwards. A hidden field reads as
 * unanswered, so hiding a field also hides what depends on it.
 */
import type { ConditionOp, ConditionValue, FormCondition, FormDefinition, FormField, RepeatField } from './definition.js';
import { chinaToday, resolveDay } from './dates.js';
import { conditionValue, isEmptyAnswer, isPlainObject } from './field-values.js';

export interface EvaluateOptions {
  /** The day of answering (`YYYY-MM-DD`), for relative dates such as `today-14d`; default today in China. */
  today?: string;
}

export class AnswerScope {
  private readonly own = new Map<string, FormField>();
  private readonly shown = new Map<FormField, boolean | 'pending'>();
  private readonly itemScopes = new Map<FormField, (AnswerScope | null)[]>();

  constructor(
    readonly fields: readonly FormField[],
    readonly raw: Record<string, unknown>,
    readonly parent: AnswerScope | null,
    /** '' at the root, `members[1].` in an item. */
    readonly prefix: string,
    readonly today: string,
  ) {
    for (const field of fields) if (!this.own.has(field.key)) this.own.set(field.key, field);
  }

  static root(def: Pick<FormDefinition, 'fields'>, answers: unknown, options: EvaluateOptions = {}): AnswerScope {
    return new AnswerScope(def.fields, isPlainObject(answers) ? answers : {}, null, '', options.today ?? chinaToday());
  }

  /** The field a key names here or further out, with the scope that holds it. */
  resolve(key: string): { scope: AnswerScope; field: FormField } | null {
    const field = this.own.get(key);
    if (field) return { scope: this, field };
    return this.parent ? this.parent.resolve(key) : null;
  }

  ownField(key: string): FormField | undefined {
    return this.own.get(key);
  }

  path(key: string): string {
    return `${this.prefix}${key}`;
  }

  /** Whether the field shows. A condition that depends on itself (a cycle) hides the field. */
  isVisible(field: FormField): boolean {
    const known = this.shown.get(field);
    if (known === 'pending') return false;
    if (known !== undefined) return known;
    if (!field.showIf) {
      this.shown.set(field, true);
      return true;
    }
    this.shown.set(field, 'pending');
    const visible = evaluateCondition(field.showIf, this);
    this.shown.set(field, visible);
    return visible;
  }

  /** The answer as conditions see it: undefined when hidden or unanswered; a repeat's item count. */
  conditionValue(field: FormField): unknown {
    if (field.type === 'note' || !this.isVisible(field)) return undefined;
    if (field.type === 'repeat') return this.items(field).length;
    return conditionValue(field, this.raw[field.key], this.today);
  }

  /** The scopes of a repeat's items (null where an item is not an object). */
  items(field: RepeatField): (AnswerScope | null)[] {
    let scopes = this.itemScopes.get(field);
    if (!scopes) {
      const raw = this.raw[field.key];
      const list = Array.isArray(raw) ? raw : [];
      scopes = list.map((item, i) => (isPlainObject(item) ? new AnswerScope(field.fields, item, this, `${this.prefix}${field.key}[${i}].`, this.today) : null));
      this.itemScopes.set(field, scopes);
    }
    return scopes;
  }
}

function sameValue(answer: unknown, target: unknown): boolean {
  if (Array.isArray(answer) || Array.isArray(target)) return false;
  return answer === target;
}

function ordered(answer: unknown, target: unknown): number | null {
  if (typeof answer === 'number' && typeof target === 'number') return answer - target;
  if (typeof answer === 'string' && typeof target === 'string') return answer < target ? -1 : answer > target ? 1 : 0;
  return null;
}

/** A date condition's value may be relative (`today-14d`): resolved against the day of answering. */
function targetOf(field: FormField, value: ConditionValue | ConditionValue[] | undefined, today: string): ConditionValue | ConditionValue[] | undefined {
  if (field.type !== 'date') return value;
  const resolve = (v: ConditionValue): ConditionValue => (typeof v === 'string' ? (resolveDay(v, today) ?? v) : v);
  return Array.isArray(value) ? value.map(resolve) : value === undefined ? undefined : resolve(value);
}

function compare(field: FormField, answer: unknown, op: ConditionOp, value: ConditionValue | ConditionValue[] | undefined, today: string): boolean {
  const empty = field.type === 'repeat' ? !answer : isEmptyAnswer(answer);
  const target = targetOf(field, value, today);
  switch (op) {
    case 'empty':
      return empty;
    case 'not_empty':
      return !empty;
    case 'eq':
      return sameValue(answer, target);
    case 'ne':
      return !sameValue(answer, target);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const d = ordered(answer, target);
      if (d === null) return false;
      return op === 'gt' ? d > 0 : op === 'gte' ? d >= 0 : op === 'lt' ? d < 0 : d <= 0;
    }
    case 'in':
      if (!Array.isArray(target)) return false;
      return Array.isArray(answer) ? answer.some((a) => target.includes(a as ConditionValue)) : target.includes(answer as ConditionValue);
    case 'contains':
      if (Array.isArray(answer)) return answer.includes(target);
      return typeof answer === 'string' && typeof target === 'string' && answer.includes(target);
  }
}

export function evaluateCondition(condition: FormCondition, scope: AnswerScope): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, scope));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, scope));
  if ('not' in condition) return !evaluateCondition(condition.not, scope);
  if ('some' in condition || 'every' in condition) {
    const key = 'some' in condition ? condition.some : condition.every;
    const hit = scope.resolve(key);
    if (!hit || hit.field.type !== 'repeat' || !hit.scope.isVisible(hit.field)) return 'every' in condition;
    const items = hit.scope.items(hit.field).filter((s): s is AnswerScope => s !== null);
    return 'some' in condition
      ? items.some((item) => evaluateCondition(condition.where, item))
      : items.every((item) => evaluateCondition(condition.where, item));
  }
  const hit = scope.resolve(condition.field);
  if (!hit || hit.field.type === 'note') return false;
  return compare(hit.field, hit.scope.conditionValue(hit.field), condition.op, condition.value, scope.today);
}

/** Whether a condition holds for the answers, at the root of the form. */
export function conditionHolds(def: Pick<FormDefinition, 'fields'>, condition: FormCondition, answers: unknown, options: EvaluateOptions = {}): boolean {
  return evaluateCondition(condition, AnswerScope.root(def, answers, options));
}

/**
 * The paths of the fields that show for these answers, in the order of the form: `address`,
 * `members`, `members[0].name`, ... (notes included, items of hidden repeats not).
 */
export function visibleFields(def: Pick<FormDefinition, 'fields'>, answers: unknown, options: EvaluateOptions = {}): string[] {
  const out: string[] = [];
  const walk = (scope: AnswerScope) => {
    for (const field of scope.fields) {
      if (!scope.isVisible(field)) continue;
      out.push(scope.path(field.key));
      if (field.type === 'repeat') for (const item of scope.items(field)) if (item) walk(item);
    }
  };
  walk(AnswerScope.root(def, answers, options));
  return out;
}
