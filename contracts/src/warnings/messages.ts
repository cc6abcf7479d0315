import { defineMessages } from '../message-kit.js';

export const WARNING_MESSAGES = defineMessages({
  'warning.raised': { zh: '新风险预警：{rule}', en: 'New risk warning: {rule}' },
  'warning.assigned': { zh: '风险预警「{rule}」已交办给您', en: 'The risk warning "{rule}" was assigned to you' },
});
