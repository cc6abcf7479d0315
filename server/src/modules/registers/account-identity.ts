/**
 * A resident account's real name (实名认证). The resident gives a name and a document number; an
 * ID card is checked against GB 11643. A document that matches a live resident must come with
 * that resident's name (else `IDENTITY_MISMATCH`, said the same way for any mismatch), and the
 * account is then known by the resident's id; another document is known by its key, as check-ins
 * and tracing know a person by a document. One account per document (`IDENTITY_TAKEN`), one
 * identity per account (`IDENTITY_ALREADY_VERIFIED`; changing it is the community's work). Tries
 * are limited per account, and tries on a registered resident's document per document whichever
 * account makes them (names guessed one after the other would otherwise find a resident's).
 * The change is audited and told to the modules that key a person (`account.identify`: check-ins
 * move the account's portal check-ins to the person key).
 *
 * Not done here: checking the identity with the public-security service (公安实名核验) or by face.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { IdentityRequest, OwnIdentity } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { runReactions } from '../../platform/workflow/workflow.js';
import { documentKey } from '../checkins/person.js';
import { checkDocument } from './bulk-writer.js';
import { protect } from './personal-data.js';
import { maskName } from './references.js';
import { accountIdentity, resident } from './tables.js';

export type AccountPersonKind = 'resident' | 'document' | 'account';

/** The key the platform knows an account's person by: its identity's, else the account's own id. */
export async function accountPerson(db: Db, accountId: string): Promise<{ personKey: string; kind: AccountPersonKind }> {
  const [found] = await db.select({ personKey: accountIdentity.personKey, residentId: accountIdentity.residentId }).from(accountIdentity).where(eq(accountIdentity.accountId, accountId));
  if (!found) return { personKey: accountId, kind: 'account' };
  return { personKey: found.personKey, kind: found.residentId ? 'resident' : 'document' };
}

export async function readOwnIdentity(db: Db, accountId: string): Promise<OwnIdentity> {
  const [found] = await db.select().from(accountIdentity).where(eq(accountIdentity.accountId, accountId));
  if (!found) return { verified: false, name: null, idMasked: null, registered: false, verifiedAt: null };
  return { verified: true, name: maskName(found.name), idMasked: found.idMasked, registered: found.residentId !== null, verifiedAt: found.verifiedAt.toISOString() };
}

const sameName = (a: string, b: string) => a.replace(/\s/g, '') === b.replace(/\s/g, '');

/**
 * `triesOnDocument` counts a try on a registered resident's document (whichever account makes it)
 * before the name is compared, so neither one account nor many can guess a resident's name.
 */
export async function verifyOwnIdentity(
  kit: Pick<Kit, 'db' | 'vault' | 'jobs' | 'registry' | 'providers'>,
  ctx: ActorContext,
  input: IdentityRequest,
  triesOnDocument: (hashHex: string) => Promise<void>,
): Promise<OwnIdentity> {
  const now = ctx.clock.now();
  const checked = checkDocument(input.idNumber, now);
  if (!checked.ok) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'idNumber', code: checked.code }] });
  const id = protect(kit.vault, 'id_number', checked.value.idNumber);
  const accountId = ctx.actor.id;
  // Counted before any answer about the document, outside the transaction (the limiter has its own).
  const [registered] = await kit.db.select({ id: resident.id }).from(resident).where(and(eq(resident.idHash, id.hash), isNull(resident.deletedAt)));
  if (registered) await triesOnDocument(id.hash.toString('hex'));
  await kit.db.transaction(async (tx) => {
    const [had] = await tx.select().from(accountIdentity).where(eq(accountIdentity.accountId, accountId)).for('update');
    if (had) {
      if (had.idHash.equals(id.hash) && sameName(had.name, input.name)) return;
      throw new AppError('IDENTITY_ALREADY_VERIFIED');
    }
    const [match] = await tx.select({ id: resident.id, name: resident.name }).from(resident).where(and(eq(resident.idHash, id.hash), isNull(resident.deletedAt)));
    if (match && !sameName(match.name, input.name)) throw new AppError('IDENTITY_MISMATCH');
    const personKey = match?.id ?? documentKey(id.hash);
    const made = await tx
      .insert(accountIdentity)
      .values({ accountId, name: input.name.trim(), idCipher: id.cipher, idHash: id.hash, idMasked: id.masked, personKey, residentId: match?.id ?? null, verifiedAt: now })
      .onConflictDoNothing()
      .returning({ accountId: accountIdentity.accountId });
    if (made.length === 0) throw new AppError('IDENTITY_TAKEN');
    await writeAudit(tx, ctx, { action: 'account.identify', objectType: 'account', objectId: accountId, ...(match ? { subject: match.id } : {}), details: { registered: Boolean(match), idMasked: id.masked } });
    await runReactions(kit, tx, { kind: 'account', id: accountId, action: 'identify', from: accountId, to: personKey, now, ctx });
  });
  return readOwnIdentity(kit.db, accountId);
}
