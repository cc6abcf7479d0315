/**
 * Who a broadcast reaches: the checks of its audience against the caller's scope, the preview
 * counts, and the SQL sets the bulk enqueue reads per step (channel × audience part), each keyed
 * by the recipient's id so the outbox's dedup key keeps one message per recipient and channel.
 */
import { sql, type SQL } from 'drizzle-orm';
import { divisionPrefix, type BroadcastAudience, type BroadcastChannel, type BroadcastPreview, type BroadcastRequest } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import { rows, type Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { gridsInScope } from '../grids/queries.js';
import { audienceEnterprises, audienceResidents, countAudience, type AudienceFilter } from '../registers/broadcast-audience.js';
import { loudspeaker } from './tables.js';
import { keeps, type BroadcastRow } from './workflow.js';

/** The region in the caller's subtree, the grids in that region, something to reach. */
export async function checkAudience(db: Db, actor: Actor, input: Pick<BroadcastRequest, 'regionCode' | 'audience' | 'channels'>): Promise<void> {
  if (!keeps(actor, 'broadcast:draft', input.regionCode)) throw new AppError('BROADCAST_REGION', { fields: [{ field: 'regionCode', code: 'BROADCAST_REGION' }] });
  const ids = input.audience.gridIds;
  if (ids.length) {
    const grids = await gridsInScope(db, actor, ids);
    const prefix = divisionPrefix(input.regionCode);
    if (ids.some((id) => !grids.get(id)?.regionCode.startsWith(prefix))) throw new AppError('BROADCAST_GRID', { fields: [{ field: 'audience.gridIds', code: 'BROADCAST_GRID' }] });
  }
  const people = input.audience.residents || input.audience.enterprises;
  const messaging = input.channels.some((c) => c !== 'loudspeaker');
  if ((messaging && !people) || (!people && !input.channels.includes('loudspeaker'))) throw new AppError('BROADCAST_AUDIENCE_EMPTY', { fields: [{ field: 'audience', code: 'BROADCAST_AUDIENCE_EMPTY' }] });
}

export const filterOf = (regionCode: string, audience: BroadcastAudience): AudienceFilter => ({ prefix: divisionPrefix(regionCode), gridIds: audience.gridIds, tag: audience.tag });

function speakersWhere(f: AudienceFilter): SQL {
  return sql`l.region_code like ${`${f.prefix}%`} ${f.gridIds.length ? sql`and l.grid_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(f.gridIds)}::jsonb))` : sql``}`;
}

/** How many each channel reaches (counts only: nobody is listed). */
export async function previewCounts(db: Db, input: Pick<BroadcastRequest, 'regionCode' | 'audience' | 'channels'>): Promise<BroadcastPreview> {
  const f = filterOf(input.regionCode, input.audience);
  const people = await countAudience(db, f, input.audience);
  const [speakers] = input.channels.includes('loudspeaker') ? await rows<{ n: number }>(db, sql`select count(*)::int as n from ${loudspeaker} l where ${speakersWhere(f)}`) : [{ n: 0 }];
  const recipients = people.residents + people.enterprises;
  return {
    sms: input.channels.includes('sms') ? recipients : 0,
    wechat: input.channels.includes('wechat') ? recipients : 0,
    loudspeaker: speakers!.n,
    recipients,
    english: people.english,
    withoutPhone: people.withoutPhone,
  };
}

export type EnqueueStep = { channel: BroadcastChannel; part: 'residents' | 'enterprises' | 'loudspeakers' };

/** What queuing a broadcast writes, in order. */
export function enqueueSteps(b: Pick<BroadcastRow, 'channels' | 'audience'>): EnqueueStep[] {
  const audience = b.audience as BroadcastAudience;
  return (['sms', 'wechat', 'loudspeaker'] as const)
    .filter((c) => b.channels.includes(c))
    .flatMap((channel): EnqueueStep[] =>
      channel === 'loudspeaker'
        ? [{ channel, part: 'loudspeakers' }]
        : [...(audience.residents ? [{ channel, part: 'residents' as const }] : []), ...(audience.enterprises ? [{ channel, part: 'enterprises' as const }] : [])],
    );
}

const KEY_PREFIX = { residents: 'r:', enterprises: 'o:', loudspeakers: 'l:' } as const;

/**
 * One step's rows after the cursor for `enqueueOutboxBulk`: the key (`r:`/`o:`/`l:` and the id),
 * the recipient as shown (masked phone, device id), the phone's ciphertext, the language and the
 * text in it.
 */
export function stepRows(b: BroadcastRow, step: EnqueueStep, after: string | null, limit: number): SQL {
  const f = filterOf(b.regionCode, b.audience as BroadcastAudience);
  const prefix = KEY_PREFIX[step.part];
  const payload = sql`jsonb_build_object('broadcastId', ${b.id}::text)`;
  if (step.part === 'loudspeakers') {
    return sql`select ${prefix} || l.id::text as key, l.device_id as recipient, null::bytea as target_cipher, 'zh-CN' as locale, jsonb_build_object('text', ${b.textZh}::text) as params, ${payload} as payload
      from ${loudspeaker} l where ${speakersWhere(f)} ${after ? sql`and l.id > ${after}::uuid` : sql``} order by l.id limit ${limit}`;
  }
  const set = step.part === 'residents' ? audienceResidents(f, after, limit) : audienceEnterprises(f, after, limit);
  return sql`select ${prefix} || a.id::text as key, coalesce(a.masked, '') as recipient, a.cipher as target_cipher, a.locale,
      jsonb_build_object('text', case when a.locale = 'en' then ${b.textEn}::text else ${b.textZh}::text end) as params, ${payload} as payload
    from (${set}) a`;
}

/** The id part of a step's key (the next batch's cursor). */
export const cursorOf = (key: string | null) => (key ? key.slice(2) : null);
