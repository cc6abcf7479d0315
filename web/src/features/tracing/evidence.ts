/** A contact's evidence in words: which venue and when both were there, which train and seats, the household, the interview. */
import type { ContactEvidence, Locale } from '@gridgov/contracts';
import type { Translate } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';

const time = (v: string, locale: Locale) => formatDateTime(v, locale).slice(-5);

/** `degree` 2: the other stay is the close contact's, not the case's. */
export function evidenceText(t: Translate, locale: Locale, e: ContactEvidence, degree: number): string {
  switch (e.kind) {
    case 'venue':
      return t('case.evidence.venue', {
        who: t(degree === 1 ? 'case.evidence.theCase' : 'case.evidence.theContact'),
        venue: e.venueName,
        day: formatDateTime(e.caseIn, locale).slice(0, 10),
        caseIn: time(e.caseIn, locale),
        caseUntil: time(e.caseUntil, locale),
        theirIn: time(e.theirIn, locale),
        theirUntil: e.theirOpen ? t('case.evidence.open') : time(e.theirUntil, locale),
        minutes: e.overlapMinutes,
      });
    case 'trip':
      return t('case.evidence.trip', {
        who: t(degree === 1 ? 'case.evidence.theCase' : 'case.evidence.theContact'), number: e.transportNumber, carriage: e.carriage ?? '—', caseSeat: e.caseSeat ?? '—', theirSeat: e.theirSeat ?? '—', at: formatDateTime(e.theirArrivedAt, locale) });
    case 'household':
      return t(degree === 1 ? 'case.evidence.household' : 'case.evidence.householdOfContact');
    case 'manual':
      return t('case.evidence.manual', { at: formatDateTime(e.exposedAt, locale), note: e.note });
  }
}
