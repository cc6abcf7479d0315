/** Alert rules: which answers raise an alert, at what level, and what the module should do. */
import type { AlertLevel, FormDefinition, LocalText } from './definition.js';
import { AnswerScope, evaluateCondition, type EvaluateOptions } from './conditions.js';

export interface RaisedAlert {
  /** The rule's key. */
  key: string;
  level: AlertLevel;
  message: LocalText;
  /** The rule's action hint (`follow_up`, `ticket`, ...), when it has one. */
  action?: string;
  /** For a rule tried on each item of a repeat: the item (`members[1]`). */
  path?: string;
}

const LEVEL_ORDER: Record<AlertLevel, number> = { critical: 0, warning: 1, info: 2 };

/**
 * The alerts the answers raise, most severe first (then in the order of the rules and items).
 * Hidden fields count as unanswered, as everywhere.
 */
export function evaluateAlerts(def: Pick<FormDefinition, 'fields' | 'alerts'>, answers: unknown, options: EvaluateOptions = {}): RaisedAlert[] {
  const root = AnswerScope.root(def, answers, options);
  const raised: RaisedAlert[] = [];
  for (const rule of def.alerts ?? []) {
    const alert = { key: rule.key, level: rule.level, message: rule.message, ...(rule.action ? { action: rule.action } : {}) };
    if (!rule.forEach) {
      if (evaluateCondition(rule.when, root)) raised.push(alert);
      continue;
    }
    const repeat = root.ownField(rule.forEach);
    if (!repeat || repeat.type !== 'repeat' || !root.isVisible(repeat)) continue;
    root.items(repeat).forEach((item, i) => {
      if (item && evaluateCondition(rule.when, item)) raised.push({ ...alert, path: `${root.path(repeat.key)}[${i}]` });
    });
  }
  return raised.map((a, i) => ({ a, i })).sort((x, y) => LEVEL_ORDER[x.a.level] - LEVEL_ORDER[y.a.level] || x.i - y.i).map(({ a }) => a);
}
