import { defineAuditActions } from '../audit-kit.js';

export const PETITION_AUDIT_ACTIONS = defineAuditActions({
  'petition_criteria.update': { zh: '修改无上访村评定标准', en: 'No-petition village criteria changed' },
  'petition_village.compute': { zh: '评定无上访村', en: 'No-petition villages assessed' },
});
