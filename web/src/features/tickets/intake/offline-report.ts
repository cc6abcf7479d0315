/**
 * A report filed from the phone, through the offline queue: its photos are uploaded first (each
 * with its own idempotency key), then the report with the submission's key, so a replay after a
 * lost answer files nothing twice.
 */
import { defineOfflineKind } from '../../../shared/offline/kinds';
import { ticketChanged, ticketsApi, type IntakeRequest, type IntakeResult } from '../../../api/tickets';

export const ticketReportKind = defineOfflineKind<IntakeRequest, IntakeResult>({
  kind: 'ticket.report',
  summary: (body) => body.description.slice(0, 60),
  send: async (body, { key, files, upload }) => {
    const photoIds = [...(body.photoIds ?? [])];
    for (let index = 0; index < files.length; index++) photoIds.push((await upload(index)).id);
    return ticketsApi.intake({ ...body, photoIds }, key);
  },
  sent: (_result, client) => void ticketChanged(client),
});
