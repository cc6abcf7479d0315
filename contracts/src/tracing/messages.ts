import { defineMessages } from '../message-kit.js';

/** A notice names no person: the reader opens the contact (with a purpose, audited) to see who. */
export const TRACING_MESSAGES = defineMessages({
  'contact.found': { zh: '病例 {caseNo} 的流调发现 {n} 名密接人员在您的辖区，请尽快跟踪', en: 'Tracing of case {caseNo} found {n} contacts in your area: follow them up' },
});
