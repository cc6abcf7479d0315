import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { BROADCAST_CHANNELS, BROADCAST_STATUSES } from './index.js';

const broadcastStatus: Labels<typeof BROADCAST_STATUSES> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审批', en: 'Awaiting approval' },
  approved: { zh: '已批准', en: 'Approved' },
  sending: { zh: '发送中', en: 'Sending' },
  sent: { zh: '已发送', en: 'Sent' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
const broadcastChannel: Labels<typeof BROADCAST_CHANNELS> = {
  sms: { zh: '短信', en: 'SMS' },
  wechat: { zh: '微信', en: 'WeChat' },
  loudspeaker: { zh: '广播喇叭', en: 'Loudspeaker' },
};

export const BROADCAST_ENUM_LABELS = defineEnumLabels({ broadcastStatus, broadcastChannel });
