/**
 * The English console speaks one vocabulary and Western punctuation: a ticket is a "ticket"
 * (never a case, work order or incident; "case" is only the epidemic tracing's 病例, in its own
 * texts), and no Chinese full-width punctuation or curly
 * double quotes slip into English texts, neither in the console's catalogs nor in what the
 * contracts declare in English (audit actions, permissions, errors, enum labels).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AUDIT_ACTIONS, ERRORS, PERMISSION_SPECS } from '@gridgov/contracts';
import { en } from './messages.en';

/** Words that name a ticket by another name. */
const OTHER_NAMES = /\b(?<!(upper|lower)[ -])cases?\b|\bwork[ -]orders?\b|\bincidents?\b/i;
/** The texts of epidemic tracing, quarantine and health codes, where a case is a 病例 (a person who fell ill), never a ticket. */
const EPIDEMIC_CASES = /^(case\.|contact\.|tracing\.|quarantine\.|situation\.|healthcode\.reason\.|map\.layer\.(cases|contacts)|audit epidemic\.|error EPIDEMIC_|menu\.(cases|contacts|tracing)$|enum\.(caseStatus|contactKind|contactStatus|evidenceKind)\.|audit (case|contact|tracing)\.|error (CASE|CONTACT|TRACING)_|permission (case|contact|tracing):)/;
/** Chinese punctuation (CJK symbols, full-width forms) and curly double quotes. */
const CHINESE_PUNCTUATION = /[\u3000-\u303f\uff00-\uffef“”]/;

function englishTexts(): [string, string][] {
  const contracts: [string, string][] = [
    ...Object.entries(AUDIT_ACTIONS as Record<string, { en: string }>).map(([k, v]): [string, string] => [`audit ${k}`, v.en]),
    ...Object.entries(ERRORS as Record<string, { en: string }>).map(([k, v]): [string, string] => [`error ${k}`, v.en]),
    ...Object.entries(PERMISSION_SPECS as Record<string, { en: string }>).map(([k, v]): [string, string] => [`permission ${k}`, v.en]),
  ];
  return [...Object.entries(en), ...contracts];
}

describe('English texts', () => {
  it('call a ticket a ticket', () => {
    const found = englishTexts().filter(([key, text]) => OTHER_NAMES.test(text) && !EPIDEMIC_CASES.test(key));
    assert.deepEqual(found, []);
  });

  it('use Western punctuation only', () => {
    const found = englishTexts().filter(([, text]) => CHINESE_PUNCTUATION.test(text));
    assert.deepEqual(found, []);
  });

  it('the checks catch what they are for', () => {
    assert.ok(OTHER_NAMES.test('Open cases') && OTHER_NAMES.test('Work order') && !OTHER_NAMES.test('upper case, lower case'));
    assert.ok(EPIDEMIC_CASES.test('case.noun') && EPIDEMIC_CASES.test('error CASE_STATE') && !EPIDEMIC_CASES.test('ticket.noun') && !EPIDEMIC_CASES.test('menu.casesOfTickets'));
    assert.ok(CHINESE_PUNCTUATION.test('Done，thanks') && CHINESE_PUNCTUATION.test('“x”') && !CHINESE_PUNCTUATION.test('"x", ok.'));
  });
});
