import { defineErrors } from '../error-kit.js';

export const ARRIVAL_ERRORS = defineErrors({
  ARRIVAL_ALREADY_CHECKED: { status: 409, zh: '该人员已核查，无需重复核查', en: 'This arrival has already been checked' },
});
