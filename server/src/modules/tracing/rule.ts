/**
 * The tracing rule as data: versions in `tracing_rule`, the newest in force (the default until a
 * first change). Only an operator whose scope is the whole deployment (city or above) changes it;
 * each change is a new version, audited with what it was.
 */
import { DEFAULT_TRACING_RULE, tracingRule as schema, type TracingRule } from '@gridgov/contracts';
import { versionedRule } from '../../platform/kit/versioned-rule.js';

const rule = versionedRule<TracingRule>({ table: 'tracing_rule', schema, fallback: DEFAULT_TRACING_RULE, audit: 'tracing.rule', scopeError: 'TRACING_RULE_SCOPE' });

/** The rule in force and its version (0: the default, never changed). */
export const currentRule = rule.current;
export const readRule = rule.read;
export const changeRule = rule.change;
