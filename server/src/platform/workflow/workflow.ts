/**
 * The workflow kit. A module declares its state machine as data (which action may start from
 * which state, who may take it, under which condition) and runs every transition through
 * `runTransition`: in one transaction it locks the record, checks the version the caller read,
 * checks the rule, lets the action do its part, saves the record, writes the timeline, a typed
 * audit entry, notifications, outbox messages, timers and the live event, and after commit runs
 * what the action asked for. Timers go through the same path as people (a system action).
 */
import type { ErrorCode, MessageParams } from '@gridgov/contracts';
import type { z } from 'zod';
import type { Actor, RequestContext } from '../context.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import type { Kit } from '../kit/kit.js';
import { writeAudit } from '../audit/write-audit.js';
import { claimAttachments, type AttachmentRef } from '../files/attachments.js';
import { notify, type Audience } from '../notifications/notify.js';
import { enqueueOutbox, type OutboxMessage } from '../outbox/outbox.js';
import type { JobDefinition } from '../jobs/queue.js';
import { publishLive } from '../live/live.js';
import type { RecordScope } from '../scope.js';

/** One action of a state machine: from which states, who, and under which condition. */
export interface ActionRule<State extends string, Standing, Subject> {
  from: readonly State[];
  /** Who may take it, from how the caller stands to the record (derived from permissions and scope). */
  who?: (standing: Standing, subject: Subject) => boolean;
  /** A condition on the record; when false the action is not available in this state. */
  when?: (subject: Subject, now: Date) => boolean;
  /** The system (a timer) may take it, with no caller. */
  system?: boolean;
}

export type Rules<State extends string, Action extends string, Standing, Subject> = Record<Action, ActionRule<State, Standing, Subject>>;

/** The state of a record as the rules read it. */
export interface Subject<State extends string> {
  status: State;
}

/** The actions a caller may take on a record now. */
export function allowedActions<S extends string, A extends string, St, Sub extends Subject<S>>(rules: Rules<S, A, St, Sub>, subject: Sub, standing: St, now: Date): A[] {
  return (Object.keys(rules) as A[]).filter((action) => {
    const rule = rules[action];
    return rule.from.includes(subject.status) && rule.who !== undefined && rule.who(standing, subject) && (!rule.when || rule.when(subject, now));
  });
}

/**
 * Why an action cannot be taken, or null when it can: `state` when the record's state does not
 * allow it, `forbidden` when this caller (or the system) may not take it.
 */
export function refusal<S extends string, A extends string, St, Sub extends Subject<S>>(
  rules: Rules<S, A, St, Sub>,
  action: A,
  subject: Sub,
  standing: St | null,
  now: Date,
): 'state' | 'forbidden' | null {
  const rule = rules[action];
  if (!rule.from.includes(subject.status) || (rule.when && !rule.when(subject, now))) return 'state';
  if (standing === null ? !rule.system : !rule.who?.(standing, subject)) return 'forbidden';
  return null;
}

/** A timer a transition sets: a durable job that runs at `runAt` (at most one per key). */
export interface TimerRequest<S extends z.ZodType = z.ZodType> {
  job: Pick<JobDefinition<S>, 'name' | 'payload'>;
  payload: z.infer<S>;
  runAt: Date;
  key: string;
}

/** What an action does besides changing the state: its effects, written in the same transaction. */
export interface Effects<Row, State extends string> {
  status?: State;
  patch?: Partial<Row>;
  /** Recorded on the timeline and in the audit entry's details. */
  data?: Record<string, unknown>;
  notices?: { kind: string; params?: MessageParams; audiences: readonly Audience[] }[];
  outbox?: OutboxMessage[];
  timers?: TimerRequest[];
  /** Work for after the commit (only if the transition committed). */
  afterCommit?: () => void;
}

/** One step on a record's timeline. */
export interface Step<State extends string, Action extends string> {
  action: Action;
  fromStatus: State | null;
  toStatus: State | null;
  note: string | null;
  attachments: AttachmentRef[];
  data: Record<string, unknown>;
}

/** What a module tells the kit about one kind of record. */
export interface Workflow<Row, State extends string, Action extends string, Standing, Sub extends Subject<State>> {
  /** The record kind: audit object type and action prefix (`ticket.accept`), live event prefix, attachment owner type. */
  kind: string;
  rules: Rules<State, Action, Standing, Sub>;
  errors: { state: ErrorCode; version: ErrorCode };
  /** The record, locked: within the actor's scope (not found otherwise), any record for the system. */
  load(tx: Db, actor: Actor | null, id: string): Promise<Row>;
  id(row: Row): string;
  version(row: Row): number;
  /** Where the record is (the audit entry's region). */
  regionCode(row: Row): string;
  subject(tx: Db, row: Row): Promise<Sub>;
  standing(tx: Db, actor: Actor, row: Row): Promise<Standing>;
  /** Stores the new state: the patch, the status and the next version. */
  save(tx: Db, row: Row, change: { status: State; patch: Partial<Row>; version: number; now: Date }): Promise<Row>;
  timeline?(tx: Db, ctx: RequestContext, row: Row, step: Step<State, Action>): Promise<void>;
  /** Who may see the change on the live feed (the same rules as reading the record). */
  liveScope(tx: Db, row: Row): Promise<RecordScope>;
  /** What the live event tells about the change. */
  liveData?(row: Row): Record<string, unknown>;
}

export interface TransitionInput {
  /** The version the caller read; the system may omit it. */
  version?: number;
  note?: string | null;
  attachmentIds?: readonly string[];
}

export interface ActionArgs<Row, Standing> {
  tx: Db;
  row: Row;
  standing: Standing | null;
  now: Date;
}

export async function runTransition<Row, State extends string, Action extends string, Standing, Sub extends Subject<State>>(
  kit: Pick<Kit, 'db' | 'jobs' | 'registry'>,
  ctx: RequestContext,
  wf: Workflow<Row, State, Action, Standing, Sub>,
  id: string,
  action: Action,
  input: TransitionInput,
  act: (args: ActionArgs<Row, Standing>) => Promise<Effects<Row, State>>,
): Promise<Row> {
  const result = await kit.db.transaction(async (tx) => {
    const row = await wf.load(tx, ctx.actor, id);
    if (input.version !== undefined && wf.version(row) !== input.version) throw new AppError(wf.errors.version, { current: wf.version(row) });
    const now = ctx.clock.now();
    const subject = await wf.subject(tx, row);
    const standing = ctx.actor ? await wf.standing(tx, ctx.actor, row) : null;
    const refused = refusal(wf.rules, action, subject, standing, now);
    if (refused === 'state') throw new AppError(wf.errors.state, { action, status: subject.status });
    if (refused === 'forbidden') throw new AppError('FORBIDDEN', { action });
    const attachments = await claimAttachments(tx, { userId: ctx.actor?.id ?? null }, input.attachmentIds ?? [], { type: wf.kind, id }, 'attachmentIds', now);
    const effects = await act({ tx, row, standing, now });
    const status = effects.status ?? subject.status;
    const saved = await wf.save(tx, row, { status, patch: effects.patch ?? {}, version: wf.version(row) + 1, now });
    const data = effects.data ?? {};
    await wf.timeline?.(tx, ctx, saved, { action, fromStatus: subject.status, toStatus: status, note: input.note ?? null, attachments, data });
    await writeAudit(tx, ctx, {
      action: `${wf.kind}.${action}`,
      objectType: wf.kind,
      objectId: id,
      regionCode: wf.regionCode(saved),
      details: { from: subject.status, to: status, version: wf.version(saved), ...data },
    });
    const subjectRef = { type: wf.kind, id };
    await notify(tx, kit.registry.audiences, now, (effects.notices ?? []).map((n) => ({ ...n, params: n.params ?? {}, subject: subjectRef, except: ctx.actor?.id ?? null })));
    await enqueueOutbox(tx, now, (effects.outbox ?? []).map((m) => ({ subject: subjectRef, ...m })));
    for (const t of effects.timers ?? []) await kit.jobs.enqueue(tx, t.job, t.payload, { runAt: t.runAt, singletonKey: t.key });
    const scope = await wf.liveScope(tx, saved);
    await publishLive(tx, {
      type: `${wf.kind}.changed`,
      regionCode: scope.regionCode,
      gridId: scope.gridId ?? undefined,
      id,
      at: now.toISOString(),
      data: { ...wf.liveData?.(saved), action, status },
      scope,
    });
    return { saved, afterCommit: effects.afterCommit };
  });
  result.afterCommit?.();
  return result.saved;
}
