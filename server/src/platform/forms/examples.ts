/**
 * Example form definitions, as data (JSON beside this file): the door-to-door epidemic survey
 * (入户走访摸排) and the dispute intake (矛盾纠纷登记). The demo seeds them published; the
 * tests and the browser suite use the same ones.
 */
import type { FormDefinition } from '@gridgov/contracts';
import householdSurvey from './examples/epidemic.household_survey.json' with { type: 'json' };
import disputeIntake from './examples/dispute.intake.json' with { type: 'json' };
import { disputeRegisterForm } from '@gridgov/contracts';
import { checkedDefinition } from './definition-rules.js';

/** The examples, checked like any definition an admin saves (a broken one fails loudly). */
export function exampleForms(): FormDefinition[] {
  return [householdSurvey, disputeIntake, disputeRegisterForm()].map((json) => checkedDefinition(json, 'en'));
}
