/**
 * The quarantine rule as data: versions in `quarantine_rule`, the newest in force (the default,
 * the 9th edition of the national protocol, until a first change). Only an operator whose scope
 * is the whole deployment (city or above) changes it; each change is a new version, audited with
 * what it was. An order keeps the schedule computed when it was given and the version it used.
 */
import { DEFAULT_QUARANTINE_RULE, quarantineRule as schema, type QuarantinePlan, type QuarantineRule } from '@gridgov/contracts';
import { versionedRule } from '../../platform/kit/versioned-rule.js';

const rule = versionedRule<QuarantineRule>({ table: 'quarantine_rule', schema, fallback: DEFAULT_QUARANTINE_RULE, audit: 'quarantine.rule', scopeError: 'QUARANTINE_RULE_SCOPE' });

export const currentQuarantineRule = rule.current;
export const readQuarantineRule = rule.read;
export const changeQuarantineRule = rule.change;

/** The plan of a contact degree (1 close, else secondary). */
export const planOf = (r: QuarantineRule, degree: number): QuarantinePlan => (degree === 1 ? r.close : r.secondary);
