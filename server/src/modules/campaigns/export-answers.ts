/**
 * A campaign's results as .xlsx (exceljs, the exports kit's streaming writer): one row per
 * answer in the caller's subtree, the household, grid, worker and time, then one column per
 * field of the campaign's form (labels in the caller's language; choices by their labels;
 * a repeat's items one per line), ID numbers and phones masked, alerts last. Capped per file
 * like the ticket export, counted in the exports' 24-hour ledger (past its threshold it waits
 * for approval: direct-export.ts), audited with its purpose and row count before a byte leaves.
 */
import { PassThrough, type Readable } from 'node:stream';
import { and, asc, count, eq, gt } from 'drizzle-orm';
import { isValueField, localized, maskAnswers, type FormField, type Locale, type RaisedAlert } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { publishedForm } from '../../platform/forms/queries.js';
import { localDate } from '../../platform/time-zone.js';
import { neutralise, type Cell } from '../../platform/csv.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { regionInScope } from '../../platform/scope.js';
import { xlsxWriter, type SheetLayout } from '../exports/file-writers.js';
import { gridNames } from '../grids/queries.js';
import { surveyAnswer, surveyTask } from './tables.js';
import { loadCampaign } from './workflow.js';
import { admitDirectExport, sentForApproval } from '../exports/direct-export.js';

export const SURVEY_EXPORT_MAX_ROWS = 50_000;
const PAGE = 1000;

const FIXED = {
  'zh-CN': ['户号', '网格', '走访人', '提交时间', '预警'],
  en: ['Household', 'Grid', 'Visited by', 'Submitted at', 'Alerts'],
} as const;

/** A field's answer as one cell's text. */
function cellOf(field: FormField, value: unknown, locale: Locale): string {
  if (value === undefined || value === null || value === '') return '';
  if (field.type === 'choice') return localized(field.options.find((o) => o.value === value)?.label, locale) || String(value);
  if (field.type === 'multi_choice' && Array.isArray(value)) return value.map((v) => localized(field.options.find((o) => o.value === v)?.label, locale) || String(v)).join('、');
  if (field.type === 'boolean') return value ? (locale === 'en' ? 'Yes' : '是') : locale === 'en' ? 'No' : '否';
  if (field.type === 'location' && typeof value === 'object') {
    const p = value as { lon: number; lat: number; address?: string };
    return p.address ?? `${p.lon},${p.lat}`;
  }
  if ((field.type === 'photo' || field.type === 'signature') && Array.isArray(value)) return String(value.length);
  if (field.type === 'repeat' && Array.isArray(value)) {
    return value
      .map((item: Record<string, unknown>) =>
        field.fields
          .filter(isValueField)
          .map((f) => `${localized(f.label, locale)}:${cellOf(f, item[f.key], locale)}`)
          .join('，'),
      )
      .join('\n');
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export interface AnswersFile {
  stream: Readable;
  fileName: string;
  asciiFileName: string;
  rowCount: number;
  layout: SheetLayout;
}

export async function exportAnswers(db: Db, ctx: ActorContext, id: string, purpose: string | undefined, approvalRows: number, maxRows = SURVEY_EXPORT_MAX_ROWS): Promise<AnswersFile> {
  const { actor } = ctx;
  const c = await loadCampaign(db, actor, id);
  if (!purpose) throw new AppError('SURVEY_PURPOSE_REQUIRED');
  const form = await publishedForm(db, c.formKey, c.formVersion);
  const fields = form.definition.fields.filter(isValueField);
  const locale = ctx.locale;
  const fixed = FIXED[locale === 'en' ? 'en' : 'zh-CN'];
  const layout: SheetLayout = {
    title: `${c.name}`.slice(0, 31),
    columns: [...fixed.slice(0, 4).map((header) => ({ header, width: 16 })), ...fields.map((f) => ({ header: localized(f.label, locale), width: f.type === 'repeat' ? 40 : 16 })), { header: fixed[4], width: 30 }],
  };
  const where = and(eq(surveyAnswer.campaignId, c.id), regionInScope(actor, surveyAnswer.regionCode));
  const { rowCount, pendingId } = await db.transaction(async (tx) => {
    const [n] = await tx.select({ n: count() }).from(surveyAnswer).where(where);
    const rows = Number(n?.n ?? 0);
    if (rows > maxRows) throw new AppError('EXPORT_TOO_LARGE', { limit: maxRows, rows });
    const ledger = await admitDirectExport(tx, ctx, { source: 'survey_campaign', objectId: c.id, name: c.name, rowCount: rows, purpose }, approvalRows);
    if (!ledger.pendingId) await writeAudit(tx, ctx, { action: 'survey_campaign.export', objectType: 'survey_campaign', objectId: c.id, regionCode: actor.regionCode, details: { purpose, rowCount: rows, format: 'xlsx', form: `${form.key}@${form.version}` } });
    return { rowCount: rows, pendingId: ledger.pendingId };
  });
  if (pendingId) throw sentForApproval(pendingId, rowCount, approvalRows);

  async function* pages(): AsyncGenerator<Cell[][]> {
    let after = '';
    for (;;) {
      const found = await db
        .select({ a: surveyAnswer, number: surveyTask.householdNumber })
        .from(surveyAnswer)
        .innerJoin(surveyTask, eq(surveyTask.id, surveyAnswer.taskId))
        .where(and(where, after ? gt(surveyAnswer.id, after) : undefined))
        .orderBy(asc(surveyAnswer.id))
        .limit(PAGE);
      if (found.length === 0) return;
      after = found.at(-1)!.a.id;
      const [grids, people] = await Promise.all([gridNames(db, found.map((r) => r.a.gridId)), accountNames(db, found.map((r) => r.a.answeredBy))]);
      yield found.map(({ a, number }) => {
        const masked = maskAnswers(form.definition, a.answers as Record<string, unknown>);
        const alerts = (a.alerts as RaisedAlert[]).map((r) => localized(r.message, locale)).join('；');
        return [number, grids.get(a.gridId) ?? '', people.get(a.answeredBy) ?? '', a.answeredAt.toISOString(), ...fields.map((f) => cellOf(f, masked[f.key], locale)), alerts].map((v) => neutralise(v));
      });
    }
  }

  const stream = new PassThrough();
  const writer = xlsxWriter(stream, layout);
  void (async () => {
    try {
      for await (const rows of pages()) await writer.write(rows);
      await writer.close();
    } catch (error) {
      stream.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  const day = localDate(ctx.clock.now());
  return { stream, fileName: `${c.name}_${day}.xlsx`, asciiFileName: `survey_${day}.xlsx`, rowCount, layout };
}
