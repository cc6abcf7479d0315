/**
 * What a campaign found: the targets with their status, attempts, keys and what the answers wrote
 * (names and phones masked; the caller's subtree only; audited), the same as .xlsx (exceljs, the
 * exports kit's streaming writer; audited with its purpose before a byte leaves), and the prompts'
 * audio for the console to play.
 */
import { PassThrough, type Readable } from 'node:stream';
import { and, asc, count, eq, gt, type SQL } from 'drizzle-orm';
import type { CalloutScript, CalloutTargetQuery, CalloutTargetRow, CalloutTargetStatus } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { regionInScope } from '../../platform/scope.js';
import { localDate } from '../../platform/time-zone.js';
import { neutralise } from '../../platform/csv.js';
import { xlsxWriter, type SheetLayout } from '../exports/file-writers.js';
import type { Outcome } from './dialer.js';
import type { StoredPrompt } from './speech.js';
import { calloutTarget } from './tables.js';
import { loadCampaign } from './workflow.js';
import { admitDirectExport, sentForApproval } from '../exports/direct-export.js';

type TargetRowDb = typeof calloutTarget.$inferSelect;

async function presentTargets(kit: Pick<Kit, 'db' | 'providers'>, found: readonly TargetRowDb[]): Promise<CalloutTargetRow[]> {
  const grids = await kit.providers.gridNames(kit.db, [...new Set(found.flatMap((t) => (t.gridId ? [t.gridId] : [])))]);
  return found.map((t) => ({
    id: t.id, seq: t.seq, name: t.nameMasked, phoneMasked: t.phoneMasked, gridName: t.gridId ? (grids.get(t.gridId) ?? null) : null, status: t.status as CalloutTargetStatus, attempts: t.attempts,
    lastResult: t.lastResult, nextAt: t.nextAt?.toISOString() ?? null, answers: t.answers as Record<string, string>,
    outcomes: (t.outcomes as Outcome[]).map((o) => ({ question: o.question, kind: o.kind, declarationId: o.declarationId, taskId: o.taskId, abnormal: o.abnormal, error: o.error })),
  }));
}

export async function listTargets(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, id: string, q: CalloutTargetQuery) {
  const c = await loadCampaign(kit.db, ctx.actor, id);
  const where = and(eq(calloutTarget.campaignId, c.id), regionInScope(ctx.actor, calloutTarget.regionCode), q.status ? eq(calloutTarget.status, q.status) : undefined) as SQL;
  const [found, [total]] = await Promise.all([
    kit.db.select().from(calloutTarget).where(where).orderBy(asc(calloutTarget.seq)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    kit.db.select({ n: count() }).from(calloutTarget).where(where),
  ]);
  await writeAudit(kit.db, ctx, { action: 'callout_campaign.targets', objectType: 'callout_campaign', objectId: c.id, regionCode: c.regionCode, details: { status: q.status ?? null, page: q.page, shown: found.length } });
  return { items: await presentTargets(kit, found), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

const HEADERS = {
  'zh-CN': ['序号', '姓名', '电话', '网格', '状态', '呼叫次数', '最后结果', '声明/任务'],
  en: ['No.', 'Name', 'Phone', 'Grid', 'Status', 'Attempts', 'Last result', 'Declarations / tasks'],
};
const STATUS_TEXT: Record<string, [string, string]> = {
  pending: ['待呼叫', 'Pending'], calling: ['通话中', 'Calling'], answered: ['已接听', 'Answered'], busy: ['忙线', 'Busy'], no_answer: ['无人接听', 'No answer'], failed: ['呼叫失败', 'Failed'],
  unmatched: ['未匹配居民', 'Not matched'], cancelled: ['已取消', 'Cancelled'],
};

export const CALLOUT_EXPORT_MAX_ROWS = 50_000;

export async function exportResults(kit: Pick<Kit, 'db' | 'providers' | 'config'>, ctx: ActorContext, id: string, purpose: string | undefined): Promise<{ stream: Readable; fileName: string; asciiFileName: string }> {
  const c = await loadCampaign(kit.db, ctx.actor, id);
  if (!purpose) throw new AppError('CALLOUT_PURPOSE_REQUIRED');
  const en = ctx.locale === 'en';
  const script = c.script as CalloutScript;
  const layout: SheetLayout = {
    title: c.name.slice(0, 31).replace(/[*?:\\/[\]]/g, '_'),
    columns: [...HEADERS[en ? 'en' : 'zh-CN'].slice(0, 7).map((header) => ({ header, width: 14 })), ...script.questions.map((q) => ({ header: q.text.slice(0, 60), width: 20 })), { header: HEADERS[en ? 'en' : 'zh-CN'][7]!, width: 30 }],
  };
  const where = and(eq(calloutTarget.campaignId, c.id), regionInScope(ctx.actor, calloutTarget.regionCode));
  const approvalRows = kit.config.exportApprovalRows;
  const admitted = await kit.db.transaction(async (tx) => {
    const [n] = await tx.select({ n: count() }).from(calloutTarget).where(where);
    const rowCount = Number(n?.n ?? 0);
    if (rowCount > CALLOUT_EXPORT_MAX_ROWS) throw new AppError('EXPORT_TOO_LARGE', { limit: CALLOUT_EXPORT_MAX_ROWS, rows: rowCount });
    const ledger = await admitDirectExport(tx, ctx, { source: 'callout_campaign', objectId: c.id, name: c.name, rowCount, purpose }, approvalRows);
    if (!ledger.pendingId) await writeAudit(tx, ctx, { action: 'callout_campaign.export', objectType: 'callout_campaign', objectId: c.id, regionCode: c.regionCode, details: { purpose, rowCount, format: 'xlsx' } });
    return { ...ledger, rowCount };
  });
  if (admitted.pendingId) throw sentForApproval(admitted.pendingId, admitted.rowCount, approvalRows);
  const db: Db = kit.db;
  async function* pages() {
    let after = 0;
    for (;;) {
      const found = await db.select().from(calloutTarget).where(and(where, gt(calloutTarget.seq, after))).orderBy(asc(calloutTarget.seq)).limit(1000);
      if (found.length === 0) return;
      after = found.at(-1)!.seq;
      const shown = await presentTargets(kit, found);
      yield shown.map((t) => {
        const status = STATUS_TEXT[t.status]?.[en ? 1 : 0] ?? t.status;
        const last = t.lastResult ? (STATUS_TEXT[t.lastResult]?.[en ? 1 : 0] ?? t.lastResult) : '';
        const answers = script.questions.map((q) => {
          const key = t.answers[q.key];
          return key ? `${key} ${q.options.find((o) => o.key === key)?.label ?? ''}`.trim() : '';
        });
        const outcomes = t.outcomes.map((o) => (o.kind === 'declaration' ? `${en ? 'declaration' : '健康申报'}${o.abnormal ? (en ? ' (abnormal)' : '（异常）') : ''}${o.error ? ` ${o.error}` : ''}` : en ? 'follow-up task' : '回访任务')).join('；');
        return [t.seq, t.name, t.phoneMasked ?? '', t.gridName ?? '', status, t.attempts, last, ...answers, outcomes].map((v) => neutralise(v));
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
  return { stream, fileName: `${c.name}_${day}.xlsx`, asciiFileName: `callout_${day}.xlsx` };
}

/** A prompt's WAV for the console to play (the campaign in scope; not found when unsynthesized). */
export async function promptAudio(kit: Pick<Kit, 'db' | 'files'>, ctx: ActorContext, id: string, key: string): Promise<{ stream: Readable; bytes: number }> {
  const c = await loadCampaign(kit.db, ctx.actor, id);
  const p = (c.prompts as StoredPrompt[]).find((x) => x.key === key);
  if (!p?.fileKey) throw new AppError('CALLOUT_PROMPT_UNKNOWN');
  const bytes = await kit.files.size(p.fileKey);
  if (bytes === null) throw new AppError('CALLOUT_PROMPT_UNKNOWN');
  return { stream: kit.files.read(p.fileKey), bytes };
}

