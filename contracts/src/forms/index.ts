/**
 * Forms as data (`@gridgov/contracts/forms`): the definition language, its checks, show/hide
 * conditions, answer validation and alert rules. Pure TypeScript with zod only, so the server,
 * the console and the phone pages validate the same way.
 */
export * from './definition.js';
export * from './dates.js';
export { FORM_ERROR_CODES, isEmptyAnswer, type FormErrorCode, type FormErrorParams } from './field-values.js';
export { AnswerScope, conditionHolds, evaluateCondition, visibleFields, type EvaluateOptions } from './conditions.js';
export { validateAnswers, type AnswersResult, type FormError } from './validate-answers.js';
export { evaluateAlerts, type RaisedAlert } from './alerts.js';
export {
  checkDefinition,
  checkParsedDefinition,
  parseDefinition,
  DEFINITION_PROBLEM_CODES,
  OPS_BY_TYPE,
  MAX_FORM_FIELDS,
  MAX_REPEAT_DEPTH,
  type DefinitionProblem,
  type DefinitionProblemCode,
  type ParsedDefinition,
} from './check-definition.js';
export { definitionProblemMessage, formErrorMessage, localized } from './messages.js';
export { answerAttachmentIds, emptyItem, initialAnswers, maskAnswers } from './answers.js';
export * from './api.js';
export { FORM_PERMISSIONS } from './permissions.js';
export { FORM_AUDIT_ACTIONS } from './audit.js';
