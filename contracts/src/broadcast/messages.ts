import { defineMessages } from '../message-kit.js';

export const BROADCAST_MESSAGES = defineMessages({
  'broadcast.submitted': { zh: '应急广播「{title}」待审批（{recipients} 人）', en: 'Broadcast "{title}" awaits approval ({recipients} recipients)' },
  'broadcast.approved': { zh: '应急广播「{title}」已批准，开始发送', en: 'Broadcast "{title}" is approved and sending' },
  'broadcast.returned': { zh: '应急广播「{title}」被退回：{note}', en: 'Broadcast "{title}" was returned: {note}' },
});
