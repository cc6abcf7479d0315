import { defineMessages } from '../message-kit.js';

export const PUBLICINFO_MESSAGES = defineMessages({
  'consultation.answered': { zh: '您的咨询已答复：{answer}', en: 'Your question was answered: {answer}' },
  'consultation.rejected': { zh: '您的咨询未予答复：{reason}', en: 'Your question was not answered: {reason}' },
});
