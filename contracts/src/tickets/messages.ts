import { defineMessages } from '../message-kit.js';

/** The closed loop's notifications: to staff (by number) and to the reporter (about "your report"). */
export const TICKET_MESSAGES = defineMessages({
  'ticket.reported': { zh: '新上报工单 {number}', en: 'New ticket {number} reported' },
  'ticket.escalated': { zh: '工单 {number} 上报至本级处理', en: 'Ticket {number} escalated to your level' },
  'ticket.escalated_overdue': { zh: '工单 {number} 超时未分流，已上报至本级', en: 'Ticket {number} was not dispatched in time and is escalated to your level' },
  'ticket.dispatched': { zh: '新交办工单 {number}', en: 'Ticket {number} dispatched to your department' },
  'ticket.transferred': { zh: '转办工单 {number}', en: 'Ticket {number} transferred to your department' },
  'ticket.returned': { zh: '工单 {number} 被退回：{note}', en: 'Ticket {number} was returned: {note}' },
  'ticket.assist_returned': { zh: '协办部门退回工单 {number}：{note}', en: 'An assisting department returned ticket {number}: {note}' },
  'ticket.reported_back': { zh: '工单 {number} 已反馈，待办结', en: 'Ticket {number} is reported back and waits to be closed' },
  'ticket.reopened': { zh: '工单 {number} 被反映人重新打开：{note}', en: 'Ticket {number} was reopened by its reporter: {note}' },
  'ticket.extension_requested': { zh: '工单 {number} 申请延期', en: 'An extension is requested for ticket {number}' },
  'ticket.extension_approved': { zh: '工单 {number} 延期申请已批准', en: 'The extension of ticket {number} is approved' },
  'ticket.extension_rejected': { zh: '工单 {number} 延期申请未批准', en: 'The extension of ticket {number} is not approved' },
  'ticket.supervised': { zh: '工单 {number} 被督办', en: 'Ticket {number} is under supervision' },
  'ticket.summoned': { zh: '吹哨报到：工单 {number}，请在时限内报到。{note}', en: 'Summons on ticket {number}: check in within the limit. {note}' },
  'ticket.overdue': { zh: '工单 {number} 已超过办理时限', en: 'Ticket {number} is past its handling limit' },
  'ticket.rework': { zh: '工单 {number} 被退回重办：{note}', en: 'Ticket {number} is sent back for rework: {note}' },
  'ticket.reporter.received': { zh: '您反映的问题（编号{number}）已收到', en: 'Your report {number} has been received' },
  'ticket.reporter.accepted': { zh: '您反映的问题（编号{number}）已受理', en: 'Your report {number} has been accepted' },
  'ticket.reporter.rejected': { zh: '您反映的问题（编号{number}）不予受理：{note}', en: 'Your report {number} was not accepted: {note}' },
  'ticket.reporter.merged': { zh: '您反映的问题（编号{number}）已与工单 {target} 合并办理', en: 'Your report {number} is handled together with ticket {target}' },
  'ticket.reporter.dispatched': { zh: '您反映的问题（编号{number}）已转交相关部门办理', en: 'Your report {number} has been passed to the department in charge' },
  'ticket.reporter.closed': { zh: '您反映的问题（编号{number}）已办结，请您评价', en: 'Your report {number} is resolved; please rate it' },
  /** Around every SMS to a reporter. */
  'sms.signature': { zh: '【网格治理】{text}', en: '[GridGov] {text}' },
});
