/** Emergency command: shared bits (type and level labels, tags). */
import { Tag } from 'antd';
import { EMERGENCY_TYPES, type EmergencyLevel, type EmergencyStatus } from '@gridgov/contracts';
import type { Locale, Translate } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';

export function typeLabel(locale: Locale, type: string, subType?: string | null): string {
  const t = EMERGENCY_TYPES.find((x) => x.code === type);
  if (!t) return type;
  const s = t.subTypes.find((x) => x.code === subType);
  const name = (v: { zh: string; en: string }) => (locale === 'en' ? v.en : v.zh);
  return s ? `${name(t)} · ${name(s)}` : name(t);
}

const LEVEL_COLORS: Record<EmergencyLevel, string> = { I: 'red', II: 'orange', III: 'gold', IV: 'blue' };
export const levelTag = (t: Translate, level: EmergencyLevel | null) => (level ? <Tag color={LEVEL_COLORS[level]}>{enumLabel(t, 'emergencyLevel', level)}</Tag> : '—');
const STATUS_COLORS: Record<EmergencyStatus, string> = { reported: 'default', verified: 'processing', responding: 'error', closed: 'success' };
export const statusTag = (t: Translate, s: EmergencyStatus) => <Tag color={STATUS_COLORS[s]}>{enumLabel(t, 'emergencyStatus', s)}</Tag>;
