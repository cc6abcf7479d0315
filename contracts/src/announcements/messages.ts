import { defineMessages } from '../message-kit.js';

export const ANNOUNCEMENT_MESSAGES = defineMessages({
  'announcement.submitted': { zh: '公告《{title}》待审核发布', en: 'The announcement "{title}" waits for review' },
  'announcement.published': { zh: '您起草的公告《{title}》已发布', en: 'Your announcement "{title}" is published' },
  'announcement.returned': { zh: '您起草的公告《{title}》被退回：{note}', en: 'Your announcement "{title}" was returned: {note}' },
});
