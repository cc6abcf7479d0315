/**
 * Forms a module ships (its default definitions, as data): published as version 1 at start when
 * the key has no version yet, so a locality's later versions are never overwritten. Audited as a
 * publication by the system.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FormDefinition } from '@gridgov/contracts';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { systemContext } from '../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { auditSummary, checkedDefinition } from './definition-rules.js';
import { formDefinition } from './tables.js';

export async function shipForms(db: Db, clock: Clock, definitions: readonly unknown[]): Promise<void> {
  const now = clock.now();
  const ctx = systemContext(clock, 'forms.ship');
  const checked: FormDefinition[] = definitions.map((json) => checkedDefinition(json, 'en'));
  await db.transaction(async (tx) => {
    for (const def of checked) {
      const [existing] = await tx.select({ id: formDefinition.id }).from(formDefinition).where(sql`${formDefinition.key} = ${def.key}`).limit(1);
      if (existing) continue;
      const id = randomUUID();
      const inserted = await tx
        .insert(formDefinition)
        .values({ id, key: def.key, version: 1, status: 'published', definition: { ...def, version: 1 }, createdAt: now, updatedAt: now, publishedAt: now })
        .onConflictDoNothing()
        .returning({ id: formDefinition.id });
      if (inserted.length > 0) await writeAudit(tx, ctx, { action: 'form.publish', objectType: 'form_definition', objectId: id, details: auditSummary(def) });
    }
  });
}
