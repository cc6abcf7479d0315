/** Venue check-ins (场所码登记): calls, cache keys, and the address a venue's QR code opens. */
import type { CheckinVenue, OwnCheckin, OwnCheckins, VenueCheckin } from '@gridgov/contracts';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

export const checkinKeys = { all: ['checkins'] as const, mine: ['checkins', 'mine'] as const };

export const checkinsApi = {
  venue: (code: string, signal?: AbortSignal) => api.get<CheckinVenue>('/checkins/venue', { code }, signal),
  checkIn: (venueCode: string) => api.post<OwnCheckin>('/checkins', { venueCode }),
  checkOut: () => api.post<OwnCheckin>('/checkins/checkout', {}),
  mine: (signal?: AbortSignal) => api.get<OwnCheckins>('/checkins/mine', undefined, signal),
  ofVenue: (venueId: string, purpose: string, page: number, signal?: AbortSignal) =>
    api.get<Page<VenueCheckin>>(`/venues/${venueId}/checkins`, { purpose, page, pageSize: 20 }, signal),
};

/** The address a venue's QR code holds (this deployment's): `#/checkin/<code>`, which opens the portal's check-in page for the venue. */
export function checkinUrl(code: string): string {
  return `${window.location.origin}${window.location.pathname}#/checkin/${encodeURIComponent(code)}`;
}

/** The venue code in what was typed or scanned: a code, or an address ending in `/checkin/<code>`. */
export function codeFrom(text: string): string {
  const trimmed = text.trim();
  const inUrl = /\/checkin\/([0-9A-Za-z]+)\s*$/.exec(trimmed);
  return (inUrl ? inUrl[1]! : trimmed).toUpperCase();
}
