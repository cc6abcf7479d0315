/**
 * Call campaigns in the demo city, made by the community's operator through the module's own
 * functions: yesterday's fever screening of one grid, run to the end on the simulator (its calls
 * placed from 09:00 yesterday on a clock of its own, each simulated call's events fed through the
 * same handler a provider's webhook reaches, retries after the interval), and today's check on the
 * elderly of another grid, running now on the simulator through the durable jobs like any campaign.
 */
import { eq } from 'drizzle-orm';
import { ROLE_PERMISSIONS, type CalloutCreateRequest, type Role } from '@gridgov/contracts';
import { ManualClock } from '../../platform/clock.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { localDate, localInstant } from '../../platform/time-zone.js';
import { importActor } from '../imports/deps.js';
import { createCampaign, transitionCampaign } from './campaigns.js';
import { writeDeclaration } from './declare-outcome.js';
import { dispatchCampaign, handleCallEvent } from './dialer.js';
import { useCalloutServices } from './services.js';
import { calloutTarget } from './tables.js';
import { simulateCall, type CallRequest, type TelephonyProvider } from './telephony.js';

const FEVER: CalloutCreateRequest['script'] = {
  locale: 'zh-CN',
  greeting: '您好，这里是社区疫情防控专线，接下来请根据语音提示按键回答。',
  questions: [
    { key: 'fever', text: '您家中今天是否有人发热或咳嗽？', options: [{ key: '1', label: '有人发热', outcome: { kind: 'declaration', fields: { temperature: 37.8, symptoms: ['fever'] } } }, { key: '2', label: '没有', outcome: { kind: 'none' } }] },
    { key: 'help', text: '是否需要社区代购药品或生活物资？', options: [{ key: '1', label: '需要', outcome: { kind: 'task', note: '联系代购' } }, { key: '2', label: '不需要', outcome: { kind: 'none' } }] },
  ],
  repeatKey: '9',
  final: '感谢您的配合，如有不适请及时联系社区，再见。',
};

const ELDERLY: CalloutCreateRequest['script'] = {
  locale: 'zh-CN',
  greeting: '您好，这里是社区关爱专线，我们来问候您的近况。',
  questions: [{ key: 'ok', text: '您最近身体和生活是否都好？', options: [{ key: '1', label: '都好', outcome: { kind: 'none' } }, { key: '2', label: '需要帮助', outcome: { kind: 'task', note: '网格员上门探访' } }] }],
  repeatKey: '9',
  final: '祝您身体健康，再见。',
};

/** The simulator without delays, for a past campaign: each call's events at once, through the same handler. */
class ImmediateSimulator implements TelephonyProvider {
  readonly name = 'simulator';
  constructor(private readonly kit: Kit) {}
  async place(call: CallRequest): Promise<void> {
    for (const e of simulateCall(call).events) await handleCallEvent(this.kit, { callId: call.callId, type: e.type, ...(e.digits ? { digits: e.digits } : {}) }, 'simulator');
  }
}

/** A demo account as the actor of what the demo does in its name. */
async function demoActor(kit: Kit, username: string) {
  const account = await accountByUsername(kit.db, username);
  if (!account?.scopeRegionCode) return null;
  const role = account.role as Role;
  const actor = importActor({ id: account.id, username: account.username, displayName: account.displayName, role, permissions: [...ROLE_PERMISSIONS[role]], departmentIds: [], sessionId: null }, { scopeRegionCode: account.scopeRegionCode, scopeGridId: null });
  return { account, actor };
}

export async function seedDemoCallouts(kit: Kit, grids: readonly { id: string; regionCode: string }[]): Promise<{ campaigns: number; calls: number }> {
  // Drafted by the community, approved by the county (the two-person rule).
  const [drafter, approver] = await Promise.all([demoActor(kit, 'community_op'), demoActor(kit, 'county_op')]);
  const account = drafter?.account;
  const first = grids.find((g) => g.regionCode === account?.scopeRegionCode);
  const second = grids.find((g) => g.regionCode === account?.scopeRegionCode && g.id !== first?.id) ?? first;
  if (!drafter || !approver || !account || !first || !second) return { campaigns: 0, calls: 0 };
  const { actor } = drafter;

  // Yesterday's, on a clock of its own from 08:50 yesterday.
  const [y, m, d] = localDate(kit.clock.now(), 1).split('-').map(Number) as [number, number, number];
  const clock = new ManualClock(localInstant(y, m, d, 8, 50)!);
  // Driven here pass by pass: nothing of it goes to the shared job queue, whose worker runs on today's clock.
  const driven = Object.create(kit.jobs, { enqueue: { value: async () => undefined } }) as JobQueue;
  const past: Kit = { ...kit, clock, jobs: driven };
  useCalloutServices(past, { telephony: new ImmediateSimulator(past) });
  const ctx: ActorContext = { actor, ip: '127.0.0.1', requestId: 'demo', locale: 'zh-CN', clock };
  const windows = [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '20:00' }];
  let c = await createCampaign(past, ctx, {
    name: '发热及需求排查（电话）', regionCode: account.scopeRegionCode!, script: FEVER, target: { kind: 'grid', gridId: first.id }, windows, concurrency: 5, maxAttempts: 2, retryMinutes: 30,
    simulator: { seed: 2026, busyRate: 0.25, noAnswerRate: 0.2, failRate: 0.02, keyWeights: { fever: { 1: 1, 2: 12 }, help: { 1: 1, 2: 6 } }, repeatRate: 0.05, ringSeconds: 12, answerSeconds: 8 },
  });
  await transitionCampaign(past, { ...ctx, actor: approver.actor }, c.id, 'approve', { version: c.version });
  clock.advanceMinutes(5);
  await transitionCampaign(past, ctx, c.id, 'start', { version: c.version + 1 });
  clock.advanceMinutes(5);
  let calls = 0;
  for (let i = 0; i < 500; i++) {
    const pass = await dispatchCampaign(past, c.id);
    calls += pass.placed;
    if (pass.finished) break;
    clock.advance(pass.placed > 0 ? 60_000 : 10 * 60_000);
  }
  for (const t of await kit.db.select({ id: calloutTarget.id }).from(calloutTarget).where(eq(calloutTarget.campaignId, c.id))) await writeDeclaration(kit, t.id);

  // Today's, running on the simulator through the jobs.
  const today: ActorContext = { ...ctx, clock: kit.clock };
  c = await createCampaign(kit, today, {
    name: '独居老人关爱回访', regionCode: account.scopeRegionCode!, script: ELDERLY, target: { kind: 'grid', gridId: second.id }, windows: [{ start: '08:00', end: '21:00' }], concurrency: 3, maxAttempts: 2, retryMinutes: 20,
    simulator: { seed: 7, busyRate: 0.2, noAnswerRate: 0.2, failRate: 0.02, keyWeights: { ok: { 1: 5, 2: 1 } }, repeatRate: 0.05, ringSeconds: 15, answerSeconds: 10 },
  });
  await transitionCampaign(kit, { ...today, actor: approver.actor }, c.id, 'approve', { version: c.version });
  await transitionCampaign(kit, today, c.id, 'start', { version: c.version + 1 });
  return { campaigns: 2, calls };
}
