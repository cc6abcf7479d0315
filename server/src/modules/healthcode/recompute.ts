/**
 * Recomputing codes: one statement over every evidence source (kit/evidence.ts) and the rule in
 * force, for some people or for everyone. It inserts the codes of people with evidence and updates
 * only the codes whose colour, line, evidence or override changed (or whose validity runs out);
 * a changed colour gets a new token, so an old screenshot no longer verifies.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import type { Kit } from '../../platform/kit/kit.js';
import { rows } from '../../platform/db/client.js';
import { colourOf, lineOfEvidence, validHoursOf } from './evaluate.js';
import { ruleAt } from './rule.js';
import { healthCode, healthCorrection, healthTrip } from './tables.js';
import type { TransitionReaction } from '../../platform/workflow/workflow.js';
import { forgetVerifications } from './verify.js';

/** A set of person keys as SQL (for the sources' `persons`). */
export const personSet = (keys: readonly string[]): SQL => sql`select unnest(${`{${keys.join(',')}}`}::uuid[])`;

/** The token of a new code: 122 random bits of a v4 uuid, base64url. */
export const NEW_TOKEN = sql`rtrim(translate(encode(uuid_send(gen_random_uuid()), 'base64'), '+/', '-_'), '=')`;

/** Recomputes the codes of `persons` (null: everyone with a code or evidence) at `at`; returns how many changed. */
export async function recomputeCodes(kit: Pick<Kit, 'registry'>, db: Db, persons: SQL | null, at: Date): Promise<number> {
  const { version, rule } = await ruleAt(db, at);
  const sources = [...kit.registry.evidence.values()];
  const union = sql.join(
    sources.map((s) => sql`(${s.select(persons, at)})`),
    sql` union all `,
  );
  const { line, end } = lineOfEvidence(rule, at);
  // Everyone: a green code with no evidence, no override and time left stays as it is under any
  // rule (it would only change if evidence existed, and those people come from the sources), so
  // only the other codes are recomputed with the people the evidence names.
  const who =
    persons ??
    sql`select person_key from health_code where colour <> 'green' or override <> 0 or evidence <> '[]'::jsonb or valid_until < ${at}::timestamptz + interval '1 hour'`;
  const inPersons = (col: SQL) => (persons ? sql`and ${col} in (${persons})` : sql``);
  const changed = await rows<{ n: number }>(
    db,
    sql`with ev0 as (${union}),
    ev as (
      select ev0.*, (select case when bool_or(a.level = 'high') then 'high' when bool_or(a.level = 'medium') then 'medium' end
                       from health_risk_area a
                      where ev0.kind in ('arrival', 'trip') and position(a.name in coalesce(ev0.detail->>'origin', '')) > 0
                        and a.valid_from <= ev0.since and (a.valid_until is null or a.valid_until > ev0.since)) as risk_level
        from ev0
    ),
    m as (select ev.*, ${line} as line, ${end} as ends from ev),
    best as (select person_key, min(line) as line from m where line is not null group by person_key),
    agg as (
      select m.person_key, m.line,
             jsonb_agg(jsonb_build_object('kind', m.kind, 'ref', m.ref, 'since', m.since, 'until', m.until, 'detail', m.detail) order by m.since desc, m.ref) as evidence,
             min(m.ends) as ends, (array_agg(m.region_code order by m.since desc))[1] as region_code, (array_agg(m.grid_id order by m.since desc))[1] as grid_id
        from m join best b on b.person_key = m.person_key and b.line = m.line
       group by m.person_key, m.line
    ),
    place as (select distinct on (person_key) person_key, region_code, grid_id from ev order by person_key, since desc),
    ov as (
      select distinct on (person_key) person_key, override_colour, override_until
        from health_correction
       where status = 'accepted' and override_until > ${at} ${inPersons(sql`person_key`)}
       order by person_key, reviewed_at desc
    ),
    people(person_key) as (${who} union select person_key from ev union select person_key from ov),
    nxt as (
      select p.person_key,
             coalesce(ov.override_colour, ${colourOf(rule, sql`a.line`)}) as colour,
             case when ov.person_key is null then a.line end as line,
             case when ov.person_key is null then coalesce(a.evidence, '[]'::jsonb) else '[]'::jsonb end as evidence,
             case when ov.person_key is null then 0 else 1 end as override,
             coalesce(a.region_code, pl.region_code) as region_code,
             case when a.region_code is not null then a.grid_id else pl.grid_id end as grid_id,
             case when ov.person_key is not null then ov.override_until
                  else least(${at}::timestamptz + ${validHoursOf(rule, sql`a.line`)} * interval '1 hour', a.ends) end as valid_until
        from people p
        left join agg a on a.person_key = p.person_key
        left join place pl on pl.person_key = p.person_key
        left join ov on ov.person_key = p.person_key
    ),
    up as (
      insert into health_code (person_key, colour, rule_version, line, evidence, override, region_code, grid_id, computed_at, valid_until, token)
      select person_key, colour, ${version}, line, evidence, override, region_code, grid_id, ${at}, valid_until, ${NEW_TOKEN} from nxt
      on conflict (person_key) do update set
        colour = excluded.colour, rule_version = excluded.rule_version, line = excluded.line, evidence = excluded.evidence, override = excluded.override,
        region_code = coalesce(excluded.region_code, health_code.region_code),
        grid_id = case when excluded.region_code is null then health_code.grid_id else excluded.grid_id end,
        computed_at = excluded.computed_at, valid_until = excluded.valid_until,
        token = case when health_code.colour <> excluded.colour then excluded.token else health_code.token end
      where health_code.colour <> excluded.colour or health_code.line is distinct from excluded.line or health_code.evidence <> excluded.evidence
         or health_code.override <> excluded.override or (excluded.line is not null and health_code.rule_version <> excluded.rule_version)
         or health_code.valid_until < excluded.computed_at + interval '1 hour' or excluded.valid_until < health_code.valid_until
      returning 1
    )
    select count(*)::int as n from up`,
  );
  forgetVerifications(kit);
  return changed[0]?.n ?? 0;
}

/** The health code module's listener: evidence about these people changed, in that change's transaction. */
export async function onEvidenceChanged(kit: Pick<Kit, 'registry'>, tx: Db, personKeys: readonly string[], at: Date): Promise<void> {
  await recomputeCodes(kit, tx, personSet(personKeys), at);
}

/**
 * An account gave its real name (`account.identify`): what the health code kept under the
 * account's id (its declared trips, corrections, the issued code) moves to the person it now is,
 * whose code is recomputed from all their evidence, and stays issued if the account's was.
 */
export const identifiedAccount: TransitionReaction = {
  on: ['account.identify'],
  react: async (kit, event) => {
    const db = kit.db;
    await db.update(healthTrip).set({ personKey: event.to }).where(eq(healthTrip.personKey, event.from));
    await db.update(healthCorrection).set({ personKey: event.to }).where(eq(healthCorrection.personKey, event.from));
    const [had] = await db.delete(healthCode).where(eq(healthCode.personKey, event.from)).returning();
    await recomputeCodes(kit, db, sql`select ${event.to}::uuid`, event.now);
    if (had?.issuedAt) {
      await db
        .update(healthCode)
        .set({ issuedAt: sql`coalesce(${healthCode.issuedAt}, ${had.issuedAt})`, regionCode: sql`coalesce(${healthCode.regionCode}, ${had.regionCode})`, gridId: sql`coalesce(${healthCode.gridId}, ${had.gridId}::uuid)` })
        .where(eq(healthCode.personKey, event.to));
    }
  },
};
