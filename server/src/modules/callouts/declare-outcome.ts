/**
 * The declaration an answer writes: a staff-recorded declaration (电话代录, source `phone`) of the
 * resident through the declarations module, against the published `declarations.self`: the
 * register's basics (name, sex, ID card, phone, address), the form's "nothing to report" answers
 * for what the call did not ask (no contact, no risk area, no trip), and over them the fields the
 * answered options map to (a fever: `{ temperature: 37.3, symptoms: ['fever'] }`). The form's alert
 * rules then decide whether it is abnormal, as for any declaration. As a daily declaration, a
 * second run the same day replaces the first instead of adding one.
 */
import { eq } from 'drizzle-orm';
import { validateIdNumber, type CalloutScript } from '@gridgov/contracts';
import { systemContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { defineJob } from '../../platform/jobs/queue.js';
import type { Kit } from '../../platform/kit/kit.js';
import { declare } from '../declarations/declare.js';
import { residentDeclarationBasics } from '../registers/call-targets.js';
import { DECLARE_JOB, type Outcome } from './dialer.js';
import { calloutCampaign, calloutTarget } from './tables.js';

const ID_CARD = '111';

export async function writeDeclaration(kit: Kit, targetId: string): Promise<void> {
  const [t] = await kit.db.select().from(calloutTarget).where(eq(calloutTarget.id, targetId));
  if (!t?.residentId) return;
  const outcomes = t.outcomes as Outcome[];
  const wanted = outcomes.filter((o) => o.kind === 'declaration' && o.declarationId === null);
  if (wanted.length === 0) return;
  const [c] = await kit.db.select({ script: calloutCampaign.script, name: calloutCampaign.name }).from(calloutCampaign).where(eq(calloutCampaign.id, t.campaignId));
  const script = c!.script as CalloutScript;
  const fields: Record<string, unknown> = {};
  for (const o of wanted) {
    const option = script.questions.find((q) => q.key === o.question)?.options.find((x) => x.key === o.option);
    if (option?.outcome.kind !== 'declaration') continue;
    for (const [k, v] of Object.entries(option.outcome.fields)) fields[k] = Array.isArray(v) && Array.isArray(fields[k]) ? [...new Set([...(fields[k] as string[]), ...v])] : v;
  }
  let receipt: { id: string; abnormal: boolean } | null = null;
  let error: string | null = null;
  const basics = await residentDeclarationBasics(kit.db, kit.vault, t.residentId);
  if (!basics) error = 'NOT_FOUND';
  else if (basics.idType !== 'id_card') error = 'DECLARATION_PERSON_INVALID';
  else {
    // GB/T 2261.1 codes: from the register's sex, else the ID number's 17th digit.
    const id = validateIdNumber(basics.idNumber, kit.clock.now());
    const sex = basics.sex === 'male' || basics.sex === '1' ? '1' : basics.sex === 'female' || basics.sex === '2' ? '2' : id.ok ? (id.sex === 'male' ? '1' : '2') : '0';
    const answers = {
      name: basics.name, sex, nationality: 'CHN', id_type: ID_CARD, id_number: basics.idNumber, phone: basics.phone ?? '', address: basics.address ?? '',
      contact: 'none', risk_area: false, travelled: false, ...fields,
    };
    try {
      receipt = await declare(kit, systemContext(kit.clock, `callout:${t.campaignId}`), { mode: 'daily', answers }, { source: 'phone', perPerson: null, community: async () => null });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // The code and the fields it names (field paths only, never values).
      const details = e.details as { fields?: { field: string }[]; errors?: { path?: string; field?: string }[] } | undefined;
      const fields = [...(details?.fields ?? []).map((f) => f.field), ...(details?.errors ?? []).map((f) => f.path ?? f.field ?? '')].filter(Boolean);
      error = fields.length ? `${e.code}: ${fields.join(', ')}` : e.code;
    }
  }
  const next = outcomes.map((o) => (o.kind === 'declaration' && o.declarationId === null ? { ...o, declarationId: receipt?.id ?? null, abnormal: receipt?.abnormal ?? null, error } : o));
  await kit.db.update(calloutTarget).set({ outcomes: next }).where(eq(calloutTarget.id, t.id));
}

export const declareJob = (kit: Kit) =>
  defineJob({
    ...DECLARE_JOB,
    async handle(p) {
      await writeDeclaration(kit, p.targetId);
    },
  });
