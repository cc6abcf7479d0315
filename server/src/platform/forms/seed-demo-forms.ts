/** Seeds the example forms, published, into the demo (and the tests and browser suite). */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { systemContext } from '../context.js';
import { writeAudit } from '../audit/write-audit.js';
import { auditSummary } from './definition-rules.js';
import { exampleForms } from './examples.js';
import { formDefinition } from './tables.js';

export async function seedDemoForms(db: Db, clock: Clock): Promise<void> {
  const now = clock.now();
  const ctx = systemContext(clock, 'demo.seed');
  await db.transaction(async (tx) => {
    for (const def of exampleForms()) {
      const id = randomUUID();
      const inserted = await tx
        .insert(formDefinition)
        .values({ id, key: def.key, version: def.version, status: 'published', definition: def, createdAt: now, updatedAt: now, publishedAt: now })
        .onConflictDoNothing()
        .returning({ id: formDefinition.id });
      if (inserted.length > 0) await writeAudit(tx, ctx, { action: 'form.publish', objectType: 'form_definition', objectId: id, details: auditSummary(def) });
    }
  });
}
