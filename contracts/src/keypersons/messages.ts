import { defineMessages } from '../message-kit.js';

/** Notices name no person and no category: the reader opens the archive (audited) to see who. */
export const KEYPERSON_MESSAGES = defineMessages({
  'key_person.visit_overdue': { zh: '您负责的一名重点人员走访已逾期（应于{due}前走访）', en: 'A key person in your care is overdue for a visit (due {due})' },
  'key_person.handover_requested': { zh: '有一名重点人员待您确认接收', en: 'A key person waits for you to confirm the hand-over' },
  'key_person.handover_accepted': { zh: '您发起的重点人员移交已被接收', en: 'Your key-person hand-over was confirmed' },
  'key_person.handover_refused': { zh: '您发起的重点人员移交被拒收：{note}', en: 'Your key-person hand-over was refused: {note}' },
  'key_person_access.requested': { zh: '有一项未成年人档案查阅申请待审批', en: 'A request to open a minor\'s archive waits for approval' },
  'key_person_access.approved': { zh: '您的未成年人档案查阅申请已批准', en: 'Your request to open a minor\'s archive was approved' },
  'key_person_access.refused': { zh: '您的未成年人档案查阅申请被驳回', en: 'Your request to open a minor\'s archive was refused' },
});
