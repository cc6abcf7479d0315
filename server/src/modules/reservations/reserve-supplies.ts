/**
 * A resident reserves a lot of a drive's item at one of its pickup points: one per ID number per
 * drive, first come first served, never more than the point's stock. Reservations made at the
 * same moment share one transaction (platform/db/batcher.ts, as intake does): their points' rows
 * are locked in one statement, the batch is decided in arrival order, then the reservations, the
 * stock counts, the audit entries and the SMS with the pickup code are written in four more
 * statements. Under load one transaction serves many reservations and the audit chain's lock is
 * taken once per batch. The database has the last word: the unique index on (drive, ID hash)
 * refuses a second reservation made by another process, and the stock check refuses overselling.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ErrorCode, ReservationReceipt, ReservationRequest } from '@gridgov/contracts';
import type { RequestContext } from '../../platform/context.js';
import { Batcher } from '../../platform/db/batcher.js';
import { rows, type Db } from '../../platform/db/client.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { AppError, notFound } from '../../platform/errors.js';
import { AUDIT_APPEND_PARAMS, auditAppendArgs } from '../../platform/audit/write-audit.js';
import { enqueueOutbox } from '../../platform/outbox/outbox.js';
import type { PiiVault } from '../../platform/pii/vault.js';
import { checkIdentity, checkPhone, protect } from '../registers/personal-data.js';
import { localDateTime } from '../../platform/time-zone.js';

interface Item {
  input: ReservationRequest;
  ctx: RequestContext;
  id: ReturnType<typeof protect>;
  phone: ReturnType<typeof protect>;
}

type Outcome = { ok: true; receipt: ReservationReceipt } | { ok: false; code: ErrorCode };

interface PointRow {
  id: string;
  drive_id: string;
  region_code: string;
  name: string;
  address: string;
  hours: string;
  stock: number;
  reserved: number;
}

interface DriveRow {
  id: string;
  region_code: string;
  item_name: string;
  unit: string;
  per_person: number;
  status: string;
  opens_at: Date;
  closes_at: Date;
  pickup_from: Date;
  pickup_until: Date;
}

const hex = (b: Buffer) => b.toString('hex');
const pickupCode = () => String(randomInt(0, 100_000_000)).padStart(8, '0');

export class ReservationWriter {
  private readonly batcher: Batcher<Item, Outcome>;

  constructor(
    private readonly db: Db,
    private readonly vault: PiiVault,
  ) {
    this.batcher = new Batcher((items) => this.write(items), { maxBatch: 128 });
  }

  /** Validates the person's details, then reserves; throws the refusal's code. */
  async reserve(ctx: RequestContext, input: ReservationRequest): Promise<ReservationReceipt> {
    const identity = checkIdentity('id_card', input.idNumber, {}, ctx.clock.now());
    const phone = checkPhone(input.phone);
    const fields = [...(identity.ok ? [] : [{ field: 'idNumber', code: identity.code }]), ...(phone.ok ? [] : [{ field: 'phone', code: phone.code }])];
    if (!identity.ok || !phone.ok) throw new AppError('VALIDATION_FAILED', { fields });
    const item: Item = { input, ctx, id: protect(this.vault, 'id_number', identity.value.idNumber), phone: protect(this.vault, 'phone', phone.value) };
    let outcome: Outcome;
    try {
      outcome = await this.batcher.submit(item);
    } catch (error) {
      // Alone, a unique violation is this reservation's: the person reserved through another process, or (once in a hundred million) the code was taken.
      if (isUniqueViolation(error, 'supply_reservation_person_uq')) throw new AppError('RESERVATION_DUPLICATE');
      if (isUniqueViolation(error, 'supply_reservation_code_uq')) outcome = await this.batcher.submit(item);
      else throw error;
    }
    if (!outcome.ok) throw outcome.code === 'NOT_FOUND' ? notFound() : new AppError(outcome.code);
    return outcome.receipt;
  }

  private async write(items: Item[]): Promise<Outcome[]> {
    return this.db.transaction(async (tx) => {
      const now = items[0]!.ctx.clock.now();
      const driveIds = [...new Set(items.map((i) => i.input.driveId))];
      const pointIds = [...new Set(items.map((i) => i.input.pointId))].sort();
      const drives = new Map(
        (await rows<DriveRow>(tx, sql`select id, region_code, item_name, unit, per_person, status, opens_at, closes_at, pickup_from, pickup_until from supply_drive where id in (select jsonb_array_elements_text(${JSON.stringify(driveIds)}::jsonb)::uuid)`)).map((d) => [d.id, d]),
      );
      // Locked in one order, so two batches never wait on each other in a circle.
      const points = new Map((await rows<PointRow>(tx, sql`select id, drive_id, region_code, name, address, hours, stock, reserved from supply_point where id in (select jsonb_array_elements_text(${JSON.stringify(pointIds)}::jsonb)::uuid) order by id for update`)).map((p) => [p.id, p]));
      const taken = new Set(
        (await rows<{ k: string }>(tx, sql`select drive_id::text || encode(id_number_hash, 'hex') as k from supply_reservation where drive_id in (select jsonb_array_elements_text(${JSON.stringify(driveIds)}::jsonb)::uuid) and id_number_hash in (select decode(jsonb_array_elements_text(${JSON.stringify(items.map((i) => hex(i.id.hash)))}::jsonb), 'hex'))`)).map((r) => r.k),
      );
      const outcomes: Outcome[] = [];
      const accepted: { item: Item; id: string; code: string; drive: DriveRow; point: PointRow }[] = [];
      for (const item of items) {
        const drive = drives.get(item.input.driveId);
        const point = points.get(item.input.pointId);
        const key = item.input.driveId + item.id.hash.toString('hex');
        const refuse = (code: ErrorCode) => outcomes.push({ ok: false, code });
        if (!drive || !point || point.drive_id !== drive.id || !['open', 'closed', 'ended'].includes(drive.status)) refuse('NOT_FOUND');
        else if (drive.status !== 'open' || now < new Date(drive.opens_at) || now >= new Date(drive.closes_at)) refuse('RESERVATION_NOT_OPEN');
        else if (taken.has(key)) refuse('RESERVATION_DUPLICATE');
        else if (point.reserved >= point.stock) refuse('RESERVATION_SOLD_OUT');
        else {
          taken.add(key);
          point.reserved++;
          const entry = { item, id: randomUUID(), code: pickupCode(), drive, point };
          accepted.push(entry);
          outcomes.push({ ok: true, receipt: receipt(entry, 'reserved') });
        }
      }
      if (accepted.length === 0) return outcomes;
      const records = accepted.map(({ item, id, code, drive, point }) => ({
        id, drive_id: drive.id, point_id: point.id, region_code: point.region_code, name: item.input.name, id_hash: hex(item.id.hash), id_cipher: hex(item.id.cipher), id_masked: item.id.masked,
        phone_hash: hex(item.phone.hash), phone_cipher: hex(item.phone.cipher), phone_masked: item.phone.masked, code,
      }));
      await tx.execute(sql`
        insert into supply_reservation (id, drive_id, point_id, region_code, name, id_number_hash, id_number_cipher, id_number_masked, phone_hash, phone_cipher, phone_masked, pickup_code, status, reserved_at)
        select r.id, r.drive_id, r.point_id, r.region_code, r.name, decode(r.id_hash, 'hex'), decode(r.id_cipher, 'hex'), r.id_masked, decode(r.phone_hash, 'hex'), decode(r.phone_cipher, 'hex'), r.phone_masked, r.code, 'reserved', ${now}
        from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(id uuid, drive_id uuid, point_id uuid, region_code text, name text, id_hash text, id_cipher text, id_masked text, phone_hash text, phone_cipher text, phone_masked text, code text)`);
      const counts = new Map<string, number>();
      for (const a of accepted) counts.set(a.point.id, (counts.get(a.point.id) ?? 0) + 1);
      const perPoint = [...counts].map(([id, n]) => ({ id, n }));
      await tx.execute(sql`update supply_point p set reserved = p.reserved + c.n from jsonb_to_recordset(${JSON.stringify(perPoint)}::jsonb) as c(id uuid, n int) where p.id = c.id`);
      const audits = accepted.map(({ item, id, drive, point }) =>
        auditAppendArgs(item.ctx, { action: 'reservation.create', objectType: 'supply_reservation', objectId: id, regionCode: point.region_code, details: { driveId: drive.id, pointId: point.id, idNumber: item.id.masked } }),
      );
      const columns = AUDIT_APPEND_PARAMS.map((p, i) => sql.raw(`(a->>${i})::${p.split(' ')[1]}`));
      await tx.execute(sql`select count(audit_append(${sql.join(columns, sql`, `)})) from jsonb_array_elements(${JSON.stringify(audits)}::jsonb) with ordinality as t(a, n)`);
      await enqueueOutbox(
        tx,
        now,
        accepted.map(({ item, id, code, drive, point }) => ({
          channel: 'sms',
          recipient: item.phone.masked,
          targetCipher: item.phone.cipher,
          kind: 'reservation.reserved',
          locale: item.ctx.locale,
          params: { item: drive.item_name, quantity: drive.per_person, unit: drive.unit, code, point: point.name, address: point.address, from: localDateTime(new Date(drive.pickup_from)), until: localDateTime(new Date(drive.pickup_until)) },
          subject: { type: 'supply_reservation', id },
          expiresAt: new Date(drive.pickup_until),
        })),
      );
      return outcomes;
    });
  }
}

export function receipt(r: { item?: Item; code: string; drive: Pick<DriveRow, 'item_name' | 'unit' | 'per_person' | 'pickup_from' | 'pickup_until'>; point: Pick<PointRow, 'name' | 'address' | 'hours'> } & { idMasked?: string }, status: ReservationReceipt['status']): ReservationReceipt {
  return {
    pickupCode: r.code, itemName: r.drive.item_name, quantity: r.drive.per_person, unit: r.drive.unit, pointName: r.point.name, address: r.point.address, hours: r.point.hours,
    pickupFrom: new Date(r.drive.pickup_from).toISOString(), pickupUntil: new Date(r.drive.pickup_until).toISOString(), status, idNumberMasked: r.item?.id.masked ?? r.idMasked ?? '',
  };
}
