import type { arrivalsZhCN } from './arrivals.zh-CN';

/** English messages of arrival screening: every key of the Chinese catalog, checked by the type. */
export const arrivalsEn: Record<keyof typeof arrivalsZhCN, string> = {
  'menu.arrivals': 'Arrivals',
  'register.arrival': 'Arrivals',
  'arrival.noun': 'arrival',
  'arrival.tab.all': 'All',
  'arrival.tab.matched': 'Matched (checked by grid)',
  'arrival.tab.unmatched': 'Unmatched (to follow up)',
  'arrival.unmatched': 'Not a registered resident',
  'arrival.field.name': 'Name',
  'arrival.field.idNumber': 'Document number',
  'arrival.field.phone': 'Phone',
  'arrival.field.trip': 'Transport and number',
  'arrival.field.origin': 'Origin',
  'arrival.field.arrivedAt': 'Arrival time',
  'arrival.field.checkpoint': 'Checkpoint',
  'arrival.field.place': 'Grid',
  'arrival.field.status': 'Follow-up',
  'arrival.field.checked': 'Check',
  'arrival.carriageOf': 'carriage {carriage}',
  'arrival.filter.from': 'Arrived from',
  'arrival.filter.to': 'to',
  'arrival.filter.datePlaceholder': 'YYYY-MM-DD',
  'arrival.check': 'Mark checked',
  'arrival.checkConfirm': 'Has this person been checked on?',
  'arrival.viewList': 'View arrivals',
};
