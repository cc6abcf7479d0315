/**
 * Exports a ticket list view (its filters and sort) to XLSX, streamed to the caller while the
 * rows are read a page at a time. The rows are the list's own (the tickets module's export
 * source: the caller's visibility, the view and the filters); the file holds no reporter
 * personal data, so it needs no approval or unmask budget, but it is capped per export and
 * audited (`export.tickets`, with the row count and the filters) before a byte leaves.
 */
import { PassThrough, type Readable } from 'node:stream';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { localDate } from '../../platform/time-zone.js';
import type { Db } from '../../platform/db/client.js';
import { countTicketExport, ticketExportLayout, ticketExportPages, type TicketExportQuery } from '../tickets/export-source.js';
import { xlsxWriter } from './file-writers.js';

/** At most this many tickets in one file: beyond it the caller narrows the filters. */
export const TICKET_EXPORT_MAX_ROWS = 20_000;

export interface TicketListFile {
  stream: Readable;
  fileName: string;
  asciiFileName: string;
  rowCount: number;
}

export async function exportTicketList(db: Db, ctx: ActorContext, q: TicketExportQuery, maxRows = TICKET_EXPORT_MAX_ROWS): Promise<TicketListFile> {
  const { actor } = ctx;
  const layout = ticketExportLayout(ctx.locale);
  const rowCount = await db.transaction(async (tx) => {
    const rows = await countTicketExport(tx, actor, q);
    if (rows > maxRows) throw new AppError('EXPORT_TOO_LARGE', { limit: maxRows, rows });
    await writeAudit(tx, ctx, {
      action: 'export.tickets',
      objectType: 'export',
      regionCode: actor.regionCode,
      details: { list: q.view, filters: { ...q }, rowCount: rows, format: 'xlsx' },
    });
    return rows;
  });
  const stream = new PassThrough();
  const writer = xlsxWriter(stream, layout);
  void (async () => {
    try {
      for await (const rows of ticketExportPages(db, actor, q, ctx.locale, rowCount)) await writer.write(rows);
      await writer.close();
    } catch (error) {
      stream.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  const day = localDate(ctx.clock.now());
  return { stream, fileName: `${layout.title}_${day}.xlsx`, asciiFileName: `tickets_${day}.xlsx`, rowCount };
}
