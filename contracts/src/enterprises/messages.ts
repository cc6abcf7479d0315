import { defineMessages } from '../message-kit.js';

export const ENTERPRISE_MESSAGES = defineMessages({
  'enterprise_application.submitted': { zh: '企业{name}的复工申请待审核', en: 'The resumption application of {name} waits for review' },
  'enterprise_application.returned': { zh: '【复工申请】{name}的复工申请被退回修改：{note}', en: '[Resumption] The application of {name} was returned for changes: {note}' },
  'enterprise_application.approved': { zh: '【复工申请】{name}的复工申请已批准，可于{date}起复工', en: '[Resumption] The application of {name} is approved; work may resume from {date}' },
  'enterprise_application.rejected': { zh: '【复工申请】{name}的复工申请未获批准：{note}', en: '[Resumption] The application of {name} was rejected: {note}' },
  'enterprise_application.revoked': { zh: '【复工申请】{name}的复工许可已撤销：{note}', en: '[Resumption] The resumption of {name} was revoked: {note}' },
});
