/** A day's follow-up sent from the phone through the offline queue, replayed with its key (the server answers a replay with the first answer). */
import type { FollowUpRequest } from '@gridgov/contracts';
import { defineOfflineKind } from '../../shared/offline/kinds';
import { quarantineApi, quarantineKeys } from './quarantine-api';

export interface FollowUpSubmission {
  orderId: string;
  /** For the "to send" list only (stays on the phone, wiped on sign-out). */
  label: string;
  body: FollowUpRequest;
}

export const followUpKind = defineOfflineKind<FollowUpSubmission, { fever: boolean }>({
  kind: 'quarantine.followup',
  summary: (s) => s.label,
  send: (s, { key }) => quarantineApi.record(s.orderId, s.body, key),
  sent: (_result, client) => void client.invalidateQueries({ queryKey: quarantineKeys.all }),
});
