/**
 * Checks a form definition before it is saved or published: its shape (the zod schema), then
 * what a schema cannot see: unique keys and option values, conditions that name existing fields
 * of a fitting type, sane ranges, patterns that compile, valid defaults, no show/hide cycles.
 * Every problem comes with its path in the definition (`fields[3].showIf.all[0].field`).
 */
import type { z } from 'zod';
import {
  DATE_REF,
  formDefinition,
  type ConditionOp,
  type FormCondition,
  type FieldType,
  type FormDefinition,
  type FormField,
  type ConditionValue,
} from './definition.js';
import { chinaToday, isCalendarDay, isRelativeDay } from './dates.js';
import { checkFieldValue, compilePattern } from './field-values.js';

export const DEFINITION_PROBLEM_CODES = [
  'DEF_SCHEMA',
  'DEF_DUPLICATE_KEY',
  'DEF_DUPLICATE_OPTION',
  'DEF_DUPLICATE_ALERT',
  'DEF_UNKNOWN_REF',
  'DEF_NOT_REPEAT',
  'DEF_OP',
  'DEF_VALUE',
  'DEF_RANGE',
  'DEF_PATTERN',
  'DEF_DEFAULT',
  'DEF_CYCLE',
  'DEF_DEPTH',
  'DEF_TOO_MANY_FIELDS',
] as const;
export type DefinitionProblemCode = (typeof DEFINITION_PROBLEM_CODES)[number];

export interface DefinitionProblem {
  path: string;
  code: DefinitionProblemCode;
  params?: {
    key?: string;
    op?: string;
    type?: string;
    /** What the schema said, or which rule (`no value`, `not an option`, ...). */
    detail?: string;
  };
}

/** The most fields (items' fields included) a form may have, and how deep repeats may nest. */
export const MAX_FORM_FIELDS = 500;
export const MAX_REPEAT_DEPTH = 2;

/** Which comparisons fit each type of field (a repeat compares its number of items). */
export const OPS_BY_TYPE: Record<Exclude<FieldType, 'note'>, readonly ConditionOp[]> = {
  text: ['eq', 'ne', 'in', 'contains', 'empty', 'not_empty'],
  id_number: ['eq', 'ne', 'in', 'contains', 'empty', 'not_empty'],
  phone: ['eq', 'ne', 'in', 'contains', 'empty', 'not_empty'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'empty', 'not_empty'],
  date: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'],
  choice: ['eq', 'ne', 'in', 'empty', 'not_empty'],
  multi_choice: ['contains', 'in', 'empty', 'not_empty'],
  boolean: ['eq', 'ne', 'empty', 'not_empty'],
  photo: ['empty', 'not_empty'],
  location: ['empty', 'not_empty'],
  signature: ['empty', 'not_empty'],
  repeat: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'],
};

/** `['fields', 2, 'label']` -> `fields[2].label`. */
export function formatPath(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function schemaProblems(error: z.ZodError): DefinitionProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), code: 'DEF_SCHEMA' as const, params: { detail: issue.message } }));
}

interface Level {
  fields: readonly FormField[];
  parent: Level | null;
}

function resolve(level: Level | null, key: string): FormField | null {
  for (let l = level; l; l = l.parent) {
    const found = l.fields.find((f) => f.key === key);
    if (found) return found;
  }
  return null;
}

class Checker {
  readonly problems: DefinitionProblem[] = [];
  /** Show/hide dependencies: a field's condition reads these fields. */
  readonly deps = new Map<FormField, Set<FormField>>();
  readonly paths = new Map<FormField, string>();
  private readonly today = chinaToday();

  add(path: string, code: DefinitionProblemCode, params?: DefinitionProblem['params']): void {
    this.problems.push(params ? { path, code, params } : { path, code });
  }

  private depend(owner: FormField | null, on: FormField): void {
    if (!owner) return;
    let set = this.deps.get(owner);
    if (!set) this.deps.set(owner, (set = new Set()));
    set.add(on);
  }

  private checkScalar(field: FormField, value: ConditionValue, path: string): void {
    switch (field.type) {
      case 'number':
      case 'repeat':
        if (typeof value !== 'number') this.add(path, 'DEF_VALUE', { type: field.type, detail: 'a number' });
        return;
      case 'boolean':
        if (typeof value !== 'boolean') this.add(path, 'DEF_VALUE', { type: field.type, detail: 'true or false' });
        return;
      case 'date':
        if (typeof value !== 'string' || !DATE_REF.test(value) || (!isRelativeDay(value) && !isCalendarDay(value))) {
          this.add(path, 'DEF_VALUE', { type: field.type, detail: 'a date' });
        }
        return;
      case 'choice':
      case 'multi_choice':
        if (typeof value !== 'string' || !field.options.some((o) => o.value === value)) this.add(path, 'DEF_VALUE', { key: field.key, detail: 'not an option' });
        return;
      default:
        if (typeof value !== 'string') this.add(path, 'DEF_VALUE', { type: field.type, detail: 'a text' });
    }
  }

  checkCondition(condition: FormCondition, level: Level | null, path: string, owner: FormField | null): void {
    if ('all' in condition) condition.all.forEach((c, i) => this.checkCondition(c, level, `${path}.all[${i}]`, owner));
    else if ('any' in condition) condition.any.forEach((c, i) => this.checkCondition(c, level, `${path}.any[${i}]`, owner));
    else if ('not' in condition) this.checkCondition(condition.not, level, `${path}.not`, owner);
    else if ('some' in condition || 'every' in condition) {
      const [word, key] = 'some' in condition ? ['some', condition.some] : ['every', condition.every];
      const repeat = resolve(level, key);
      if (!repeat) return this.add(`${path}.${word}`, 'DEF_UNKNOWN_REF', { key });
      if (repeat.type !== 'repeat') return this.add(`${path}.${word}`, 'DEF_NOT_REPEAT', { key });
      this.depend(owner, repeat);
      this.checkCondition(condition.where, { fields: repeat.fields, parent: level }, `${path}.where`, owner);
    } else {
      const field = resolve(level, condition.field);
      if (!field || field.type === 'note') return this.add(`${path}.field`, 'DEF_UNKNOWN_REF', { key: condition.field });
      this.depend(owner, field);
      if (!OPS_BY_TYPE[field.type].includes(condition.op)) return this.add(`${path}.op`, 'DEF_OP', { op: condition.op, type: field.type });
      const { op, value } = condition;
      if (op === 'empty' || op === 'not_empty') {
        if (value !== undefined) this.add(`${path}.value`, 'DEF_VALUE', { op, detail: 'no value' });
      } else if (value === undefined) {
        this.add(`${path}.value`, 'DEF_VALUE', { op, detail: 'a value' });
      } else if (op === 'in') {
        if (!Array.isArray(value)) this.add(`${path}.value`, 'DEF_VALUE', { op, detail: 'a list' });
        else value.forEach((v, i) => this.checkScalar(field, v, `${path}.value[${i}]`));
      } else if (Array.isArray(value)) {
        this.add(`${path}.value`, 'DEF_VALUE', { op, detail: 'one value' });
      } else {
        this.checkScalar(field, value, `${path}.value`);
      }
    }
  }

  private checkRange(path: string, min: number | undefined, max: number | undefined): void {
    if (min !== undefined && max !== undefined && min > max) this.add(path, 'DEF_RANGE', { detail: `${min} > ${max}` });
  }

  private checkDates(field: Extract<FormField, { type: 'date' }>, path: string): void {
    for (const [name, ref] of [['min', field.min], ['max', field.max], ['default', field.default]] as const) {
      if (ref !== undefined && !isRelativeDay(ref) && !isCalendarDay(ref)) this.add(`${path}.${name}`, name === 'default' ? 'DEF_DEFAULT' : 'DEF_VALUE', { detail: 'a date' });
    }
    const offset = (ref: string) => (isRelativeDay(ref) ? Number(/([+-]\d+)d$/.exec(ref)?.[1] ?? 0) : null);
    if (field.min !== undefined && field.max !== undefined) {
      const [a, b] = [offset(field.min), offset(field.max)];
      const bad = a !== null && b !== null ? a > b : a === null && b === null ? field.min > field.max : false;
      if (bad) this.add(`${path}.min`, 'DEF_RANGE', { detail: `${field.min} > ${field.max}` });
    }
  }

  private checkField(field: FormField, path: string, level: Level, depth: number): void {
    this.paths.set(field, path);
    if (field.showIf) this.checkCondition(field.showIf, level, `${path}.showIf`, field);
    switch (field.type) {
      case 'text':
        this.checkRange(`${path}.minLength`, field.minLength, field.maxLength);
        if (field.pattern !== undefined && !compilePattern(field.pattern)) this.add(`${path}.pattern`, 'DEF_PATTERN');
        break;
      case 'number':
        this.checkRange(`${path}.min`, field.min, field.max);
        if (field.integer && field.min !== undefined && field.max !== undefined && Math.ceil(field.min) > Math.floor(field.max)) {
          this.add(`${path}.min`, 'DEF_RANGE', { detail: 'no integer in range' });
        }
        break;
      case 'date':
        this.checkDates(field, path);
        break;
      case 'choice':
      case 'multi_choice': {
        const seen = new Set<string>();
        field.options.forEach((o, i) => {
          if (seen.has(o.value)) this.add(`${path}.options[${i}].value`, 'DEF_DUPLICATE_OPTION', { key: o.value });
          seen.add(o.value);
        });
        if (field.type === 'multi_choice') {
          this.checkRange(`${path}.minSelected`, field.minSelected, field.maxSelected);
          if (field.minSelected !== undefined && field.minSelected > field.options.length) this.add(`${path}.minSelected`, 'DEF_RANGE', { detail: 'more than the options' });
        }
        break;
      }
      case 'photo':
        this.checkRange(`${path}.minCount`, field.minCount, field.maxCount);
        break;
      case 'repeat':
        this.checkRange(`${path}.minItems`, field.minItems, field.maxItems);
        if (depth >= MAX_REPEAT_DEPTH) this.add(`${path}`, 'DEF_DEPTH', { detail: `repeats nest at most ${MAX_REPEAT_DEPTH} deep` });
        else this.checkLevel(field.fields, `${path}.fields`, { fields: field.fields, parent: level }, depth + 1, field);
        break;
      default:
        break;
    }
    if (field.type !== 'note' && field.type !== 'repeat' && 'default' in field && field.default !== undefined && field.type !== 'date') {
      const checked = checkFieldValue(field, field.default, this.today);
      if (!checked.ok) this.add(`${path}.default`, 'DEF_DEFAULT', { detail: checked.code });
    }
  }

  checkLevel(fields: readonly FormField[], path: string, level: Level, depth: number, container: FormField | null): void {
    const seen = new Set<string>();
    fields.forEach((field, i) => {
      const at = `${path}[${i}]`;
      if (seen.has(field.key)) this.add(`${at}.key`, 'DEF_DUPLICATE_KEY', { key: field.key });
      seen.add(field.key);
      // An item's fields show only while their repeat does.
      if (container) this.depend(field, container);
      this.checkField(field, at, level, depth);
    });
  }

  /** Reports each show/hide cycle once, at the first field of it met in form order. */
  checkCycles(): void {
    const state = new Map<FormField, 'open' | 'done'>();
    const reported = new Set<FormField>();
    const visit = (field: FormField, stack: FormField[]): void => {
      state.set(field, 'open');
      for (const next of this.deps.get(field) ?? []) {
        if (state.get(next) === 'open') {
          const cycle = stack.slice(stack.indexOf(next));
          const first = cycle.find((f) => this.paths.has(f)) ?? next;
          if (!cycle.some((f) => reported.has(f))) this.add(`${this.paths.get(first) ?? ''}.showIf`, 'DEF_CYCLE', { key: cycle.map((f) => f.key).join(' -> ') });
          cycle.forEach((f) => reported.add(f));
        } else if (!state.has(next)) {
          visit(next, [...stack, next]);
        }
      }
      state.set(field, 'done');
    };
    for (const field of this.paths.keys()) if (!state.has(field)) visit(field, [field]);
  }
}

function countFields(fields: readonly FormField[]): number {
  return fields.reduce((n, f) => n + 1 + (f.type === 'repeat' ? countFields(f.fields) : 0), 0);
}

/** The problems of an already parsed definition (its shape is known to be right). */
export function checkParsedDefinition(def: FormDefinition): DefinitionProblem[] {
  const checker = new Checker();
  const root: Level = { fields: def.fields, parent: null };
  if (countFields(def.fields) > MAX_FORM_FIELDS) checker.add('fields', 'DEF_TOO_MANY_FIELDS', { detail: `at most ${MAX_FORM_FIELDS}` });
  checker.checkLevel(def.fields, 'fields', root, 0, null);
  checker.checkCycles();
  const alertKeys = new Set<string>();
  (def.alerts ?? []).forEach((rule, i) => {
    const path = `alerts[${i}]`;
    if (alertKeys.has(rule.key)) checker.add(`${path}.key`, 'DEF_DUPLICATE_ALERT', { key: rule.key });
    alertKeys.add(rule.key);
    let level: Level = root;
    if (rule.forEach !== undefined) {
      const repeat = def.fields.find((f) => f.key === rule.forEach);
      if (!repeat) return checker.add(`${path}.forEach`, 'DEF_UNKNOWN_REF', { key: rule.forEach });
      if (repeat.type !== 'repeat') return checker.add(`${path}.forEach`, 'DEF_NOT_REPEAT', { key: rule.forEach });
      level = { fields: repeat.fields, parent: root };
    }
    checker.checkCondition(rule.when, level, `${path}.when`, null);
  });
  return checker.problems;
}

export type ParsedDefinition = { ok: true; definition: FormDefinition; problems: [] } | { ok: false; problems: DefinitionProblem[] };

/** Parses and checks a definition from anywhere (an editor, a request body, a seed file). */
export function parseDefinition(input: unknown): ParsedDefinition {
  const parsed = formDefinition.safeParse(input);
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error) };
  const problems = checkParsedDefinition(parsed.data);
  return problems.length === 0 ? { ok: true, definition: parsed.data, problems: [] } : { ok: false, problems };
}

/** Every problem of a definition; an empty list means it may be saved and published. */
export function checkDefinition(input: unknown): DefinitionProblem[] {
  return parseDefinition(input).problems;
}
