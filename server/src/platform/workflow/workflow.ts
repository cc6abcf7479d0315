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
  /**
   * Why the caller cannot take it now although it is theirs to take (joint handling waits for
   * the assisting departments; one may not close what one reported and handled oneself), or null.
   * Asked only when the action is not allowed: the UI shows it beside a disabled button, and a
   * request for the action is refused with it.
   */
  unavailable?: (standing: Standing, subject: Subject, now: Date) => Unavailable | null;
}

/** Why an action is unavailable: an error code (its message fills `{name}` from `params`). */
export interface Unavailable {
  code: ErrorCode;
  params?: MessageParams;
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

/** The actions not open to the caller now that say why (`unavailable`), with the reason. */
export function unavailableActions<S extends string, A extends string, St, Sub extends Subject<S>>(rules: Rules<S, A, St, Sub>, subject: Sub, standing: St, now: Date): { action: A; reason: Unavailable }[] {
  const allowed = new Set(allowedActions(rules, subject, standing, now));
  return (Object.keys(rules) as A[]).flatMap((action) => {
    const reason = allowed.has(action) ? null : (rules[action].unavailable?.(standing, subject, now) ?? null);
    return reason ? [{ action, reason }] : [];
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

/** A transition that committed (or is committing): what another module's reaction is told. */
export interface TransitionEvent {
  /** The record kind (`ticket`) and id. */
  kind: string;
  id: string;
  action: string;
  from: string;
  to: string;
  now: Date;
  /** Who took it (the system's context for timers). */
  ctx: RequestContext;
}

/**
 * How one module reacts to another module's transitions (a dispute hearing that the ticket it was
 * escalated into was closed), declared in its definition (`reactions`): run inside the
 * transition's transaction, so the two changes commit together or not at all; `kit.db` is that
 * transaction. A reaction reads and writes only its own module's tables (or runs its own
 * transitions); it must not take long.
 */
export interface TransitionReaction {
  /** `<kind>.<action>` it reacts to (`ticket.close`). */
  on: readonly string[];
  react(kit: ReactionKit, event: TransitionEvent): Promise<void>;
}

type ReactionKit = Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers'>;

/**
 * Runs the reactions registered for `<kind>.<action>` in the caller's transaction. Workflow
 * transitions call it; so does a module whose records change outside a workflow (a household's
 * self-declaration: `household.declare`, to `declared` or `flagged`).
 */
export async function runReactions(kit: ReactionKit, tx: Db, event: TransitionEvent): Promise<void> {
  for (const r of kit.registry.reactions?.get(`${event.kind}.${event.action}`) ?? []) await r.react({ ...kit, db: tx }, event);
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
  kit: Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers'>,
  ctx: RequestContext,
  wf: Workflow<Row, State, Action, Standing, Sub>,
  id: string,
  action: Action,
  input: TransitionInput,
  act: (args: ActionArgs<Row, Standing>) => Promise<Effects<Row, State>>,
  /**
   * `standing`: how a caller without an account stands to the record, once the module checked it
   * (an anonymous reporter who proved the report is theirs); the record is then loaded as by the system.
   */
  options: { standing?: Standing } = {},
): Promise<Row> {
  const result = await kit.db.transaction(async (tx) => {
    const row = await wf.load(tx, ctx.actor, id);
    if (input.version !== undefined && wf.version(row) !== input.version) throw new AppError(wf.errors.version, { current: wf.version(row) });
    const now = ctx.clock.now();
    const subject = await wf.subject(tx, row);
    const standing = ctx.actor ? await wf.standing(tx, ctx.actor, row) : (options.standing ?? null);
    const refused = refusal(wf.rules, action, subject, standing, now);
    const reason = refused && standing !== null ? wf.rules[action].unavailable?.(standing, subject, now) : null;
    if (reason) throw new AppError(reason.code, reason.params);
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
    await runReactions(kit, tx, { kind: wf.kind, id, action, from: subject.status, to: status, now, ctx });
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
