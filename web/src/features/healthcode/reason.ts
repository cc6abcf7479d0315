/** A code's evidence in plain words, for the resident and for the operator who reads the reason. */
import type { CodeEvidence } from '@gridgov/contracts';
import type { Translate } from '../../i18n/translate';
import { formatDateTime } from '../../shared/format';
import { enumLabel } from '../../shared/labels';

export function reasonText(t: Translate, locale: string, e: CodeEvidence): string {
  const since = formatDateTime(e.since, locale);
  const d = e.detail as { status?: string; degree?: number; origin?: string; temperature?: number | null };
  switch (e.kind) {
    case 'case':
      return t('healthcode.reason.case', { ref: e.ref, status: enumLabel(t, 'caseStatus', d.status ?? '') });
    case 'contact':
      return t(d.degree === 2 ? 'healthcode.reason.secondary' : 'healthcode.reason.contact', { ref: e.ref, until: e.until ? formatDateTime(e.until, locale) : '' });
    case 'arrival':
      return t('healthcode.reason.arrival', { origin: d.origin ?? e.ref, since });
    case 'trip':
      return t('healthcode.reason.trip', { origin: d.origin ?? e.ref, since });
    case 'fever':
      return t('healthcode.reason.fever', { temperature: d.temperature ?? '', since });
    case 'symptoms':
      return t('healthcode.reason.symptoms', { since });
    default:
      return t('healthcode.reason.other', { kind: enumLabel(t, 'evidenceKind', e.kind), since });
  }
}
