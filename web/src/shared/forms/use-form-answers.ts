/**
 * The state of one form being answered: the answers, which fields show, the engine's errors
 * (the same validation as the server), the server's own errors on their fields, and the alerts
 * the answers would raise. The renderer draws it; the page submits `result.value`.
 */
import { useCallback, useMemo, useState } from 'react';
import {
  chinaToday,
  emptyItem,
  evaluateAlerts,
  initialAnswers,
  validateAnswers,
  visibleFields,
  type AnswersResult,
  type FormAnswers,
  type FormDefinition,
  type RaisedAlert,
  type RepeatField,
} from '@gridgov/contracts';
import { displayTimeZone } from '../time-zone';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { prefillAnswers } from './prefill';
import { errorMessages, getAt, pathString, serverFieldErrors, setAt, shiftAfterRemoval, shownErrors, type PathPart } from './answer-paths';

export interface FormController {
  definition: FormDefinition;
  answers: FormAnswers;
  today: string;
  visible: ReadonlySet<string>;
  /** The engine's verdict on the answers as they stand. */
  result: AnswersResult;
  /** Messages to show, by field path. */
  errors: ReadonlyMap<string, string>;
  /** Problems no field shows (answers to fields the form does not have). */
  formErrors: string[];
  /** The alerts the answers would raise, most severe first. */
  alerts: RaisedAlert[];
  setAnswer(parts: readonly PathPart[], value: unknown): void;
  addItem(parts: readonly PathPart[], field: RepeatField): void;
  removeItem(parts: readonly PathPart[], index: number): void;
  /** Shows every error; true when the answers may be sent. */
  submit(): boolean;
  /** Puts a FORM_ANSWERS_INVALID answer's field errors on their fields; false for any other error. */
  showServerErrors(error: unknown): boolean;
  reset(answers?: FormAnswers): void;
}

/**
 * `initial`: the answers to start from (else the form's defaults); `prefill`: values the page
 * knows already (a household's address), put on the top-level text fields of the same key.
 */
export function useFormAnswers(definition: FormDefinition, options: { initial?: FormAnswers; today?: string; prefill?: Readonly<Record<string, string | null | undefined>> } = {}): FormController {
  const { locale } = useI18n();
  const today = options.today ?? chinaToday(new Date(), displayTimeZone());
  const [start] = useState(() => prefillAnswers(definition, options.initial ?? initialAnswers(definition, { today }), options.prefill ?? {}));
  const [answers, setAnswers] = useState<FormAnswers>(start);
  const [touched, setTouched] = useState<ReadonlyMap<string, true>>(new Map());
  const [server, setServer] = useState<ReadonlyMap<string, string>>(new Map());
  const [submitted, setSubmitted] = useState(false);

  const visible = useMemo(() => new Set(visibleFields(definition, answers, { today })), [definition, answers, today]);
  const result = useMemo(() => validateAnswers(definition, answers, { today }), [definition, answers, today]);
  const alerts = useMemo(() => evaluateAlerts(definition, answers, { today }), [definition, answers, today]);
  const errors = useMemo(
    () => shownErrors(errorMessages(result.errors, locale), server, new Set(touched.keys()), submitted),
    [result, locale, server, touched, submitted],
  );
  const formErrors = useMemo(
    () => result.errors.filter((e) => e.code === 'FORM_UNKNOWN_FIELD' || e.path === '').map((e) => (e.path ? `${e.path}: ${errorMessages([e], locale).get(e.path)}` : (errorMessages([e], locale).get('') ?? ''))),
    [result, locale],
  );

  const forget = useCallback((path: string) => {
    setServer((current) => {
      if (!current.has(path)) return current;
      const next = new Map(current);
      next.delete(path);
      return next;
    });
  }, []);

  const setAnswer = useCallback(
    (parts: readonly PathPart[], value: unknown) => {
      const path = pathString(parts);
      setAnswers((current) => setAt(current, parts, value));
      setTouched((current) => (current.has(path) ? current : new Map(current).set(path, true)));
      forget(path);
    },
    [forget],
  );

  const addItem = useCallback(
    (parts: readonly PathPart[], field: RepeatField) => {
      setAnswers((current) => {
        const list = getAt(current, parts);
        const items = Array.isArray(list) ? list : [];
        return setAt(current, parts, [...items, emptyItem(field, today)]);
      });
      forget(pathString(parts));
    },
    [forget, today],
  );

  const removeItem = useCallback(
    (parts: readonly PathPart[], index: number) => {
      const path = pathString(parts);
      setAnswers((current) => {
        const list = getAt(current, parts);
        return setAt(current, parts, (Array.isArray(list) ? list : []).filter((_, i) => i !== index));
      });
      setTouched((current) => shiftAfterRemoval(current, path, index).set(path, true));
      setServer((current) => shiftAfterRemoval(current, path, index));
    },
    [],
  );

  return {
    definition,
    answers,
    today,
    visible,
    result,
    errors,
    formErrors,
    alerts,
    setAnswer,
    addItem,
    removeItem,
    submit: () => {
      setSubmitted(true);
      return result.ok;
    },
    showServerErrors: (error) => {
      if (!(error instanceof ApiError) || error.code !== 'FORM_ANSWERS_INVALID') return false;
      setServer(serverFieldErrors(error.details));
      setSubmitted(true);
      return true;
    },
    reset: (next) => {
      setAnswers(next ?? initialAnswers(definition, { today }));
      setTouched(new Map());
      setServer(new Map());
      setSubmitted(false);
    },
  };
}
