import { defineMessages } from '../message-kit.js';

export const CALLOUT_MESSAGES = defineMessages({
  'callout.follow_up': { zh: '外呼任务「{campaign}」：{name} 的回答需要回访（{question}：{answer}）', en: 'Call campaign "{campaign}": {name} needs a follow-up ({question}: {answer})' },
});
