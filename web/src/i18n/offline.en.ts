import type { offlineZhCN } from './offline.zh-CN';

/** English messages of the offline kit. */
export const offlineEn: Record<keyof typeof offlineZhCN, string> = {
  'offline.banner': 'Offline: you can keep filling in; it is sent when the network returns ({n} waiting)',
  'offline.queue.title': 'To send ({n})',
  'offline.queue.sendNow': 'Send now',
  'offline.queue.edit': 'Fix',
  'offline.queue.retry': 'Retry',
  'offline.queue.discard': 'Discard',
  'offline.queue.discardConfirm': 'Discarded, it will never be sent. Discard it?',
  'offline.queue.files': '{n} photo(s)',
  'offline.state.waiting': 'Waiting to send',
  'offline.state.sending': 'Sending',
  'offline.state.refused': 'Refused',
  'offline.sent': 'Sent: {summary}',
  'offline.refused': 'Not sent: {summary}; fix or discard it under "To send"',
  'offline.queued': 'The server cannot be reached: saved under "To send", it is sent when the network returns',
  'offline.signedOut': 'Please sign in',
  'offline.photo.add': 'Add photo',
  'offline.signOut.title': '{n} record(s) not sent yet',
  'offline.signOut.content': 'Signing out deletes these unsent records and photos from this device for good. Send them online first if you can.',
  'offline.signOut.confirm': 'Delete and sign out',
  'offline.signOut.cancel': 'Stay signed in',
  'offline.intake.ownGrid': 'Offline, the location cannot be checked: pick a point in your grid ({name}); it is checked when sent',
};
