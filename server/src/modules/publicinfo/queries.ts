/** Reads: staff lists and records of their subtree; the portal's published entries at a place (its region and those above it). */
import { and, asc, count, desc, eq, ilike, inArray, or } from 'drizzle-orm';
import type { Consultation, ConsultationStatus, HealthFacility, HealthFacilityKind, PublicHealthFacility, Rebuttal, RebuttalStatus, RumourVerdict } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { ancestorCodes, recordVisible, underRegion } from '../../platform/scope.js';
import { regionNames } from '../regions/queries.js';
import { isOpenAt } from './opening-hours.js';
import { searchCondition } from './search-terms.js';
import { consultation, healthFacility, rumourRebuttal } from './tables.js';
import { containing } from '../../platform/db/like.js';
import {
  consultationActions, CONSULTATION_VISIBILITY, HEALTH_FACILITY_VISIBILITY, loadConsultation, loadRebuttal, rebuttalActions, REBUTTAL_VISIBILITY,
  type ConsultationRow, type HealthFacilityRow, type RebuttalRow,
} from './workflow.js';

interface Paging {
  page: number;
  pageSize: number;
}

const placeAndAbove = (regionCode: string) => [...ancestorCodes(regionCode), regionCode];

// ---- Rebuttals ----

async function presentRebuttals(db: Db, actor: Actor, rows: RebuttalRow[], now: Date): Promise<Rebuttal[]> {
  const names = await regionNames(db, rows.map((r) => r.regionCode));
  return rows.map((r) => ({
    id: r.id, regionCode: r.regionCode, regionName: names.get(r.regionCode) ?? '', claim: r.claim, verdict: r.verdict as RumourVerdict, evidence: r.evidence,
    sourceName: r.sourceName, sourceUrl: r.sourceUrl, attachments: r.attachments.map((a) => ({ id: a.id, name: a.name, url: `/api/attachments/${a.id}` })),
    status: r.status as RebuttalStatus, publishedAt: r.publishedAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
    version: r.version, actions: rebuttalActions(actor, r, now),
  }));
}

export async function listRebuttals(db: Db, actor: Actor, q: Paging & { status?: RebuttalStatus; region?: string; q?: string }, now: Date) {
  const where = and(recordVisible(actor, REBUTTAL_VISIBILITY), q.status ? eq(rumourRebuttal.status, q.status) : undefined, q.region ? underRegion(rumourRebuttal.regionCode, q.region) : undefined, searchCondition(rumourRebuttal.searchTerms, q.q));
  const [rows, [total]] = await Promise.all([
    db.select().from(rumourRebuttal).where(where).orderBy(desc(rumourRebuttal.updatedAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(rumourRebuttal).where(where),
  ]);
  return { items: await presentRebuttals(db, actor, rows, now), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function getRebuttal(db: Db, actor: Actor, id: string, now: Date): Promise<Rebuttal> {
  return (await presentRebuttals(db, actor, [await loadRebuttal(db, actor, id)], now))[0]!;
}

export async function publicRebuttals(db: Db, regionCode: string, q: string | undefined) {
  const rows = await db
    .select()
    .from(rumourRebuttal)
    .where(and(eq(rumourRebuttal.status, 'published'), inArray(rumourRebuttal.regionCode, placeAndAbove(regionCode)), searchCondition(rumourRebuttal.searchTerms, q)))
    .orderBy(desc(rumourRebuttal.publishedAt))
    .limit(50);
  const names = await regionNames(db, rows.map((r) => r.regionCode));
  return rows.map((r) => ({ id: r.id, regionName: names.get(r.regionCode) ?? '', claim: r.claim, verdict: r.verdict as RumourVerdict, evidence: r.evidence, sourceName: r.sourceName, sourceUrl: r.sourceUrl, publishedAt: r.publishedAt!.toISOString() }));
}

// ---- Health facilities ----

function presentFacility(r: HealthFacilityRow, names: Map<string, string>, now: Date): HealthFacility {
  return {
    id: r.id, regionCode: r.regionCode, regionName: names.get(r.regionCode) ?? '', name: r.name, kind: r.kind as HealthFacilityKind, address: r.address, lon: r.lon, lat: r.lat,
    phone: r.phone, hours: r.hours, services: r.services, active: r.active, openNow: isOpenAt(r.hours, now), version: r.version, updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listHealthFacilities(db: Db, actor: Actor, q: Paging & { kind?: HealthFacilityKind; region?: string; q?: string }, now: Date) {
  const text = q.q ? containing(q.q) : null;
  const where = and(
    recordVisible(actor, HEALTH_FACILITY_VISIBILITY),
    q.kind ? eq(healthFacility.kind, q.kind) : undefined,
    q.region ? underRegion(healthFacility.regionCode, q.region) : undefined,
    text ? or(ilike(healthFacility.name, text), ilike(healthFacility.address, text)) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(healthFacility).where(where).orderBy(asc(healthFacility.name)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(healthFacility).where(where),
  ]);
  const names = await regionNames(db, rows.map((r) => r.regionCode));
  return { items: rows.map((r) => presentFacility(r, names, now)), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function getHealthFacility(db: Db, actor: Actor, id: string, now: Date): Promise<HealthFacility> {
  const [row] = await db.select().from(healthFacility).where(and(eq(healthFacility.id, id), recordVisible(actor, HEALTH_FACILITY_VISIBILITY)));
  if (!row) throw notFound();
  return presentFacility(row, await regionNames(db, [row.regionCode]), now);
}

/** Great-circle distance in metres. */
export function distanceMeters(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * 6_371_000 * Math.asin(Math.sqrt(h)));
}

/**
 * The active facilities that serve a place: those of its region's subtree's county (a community
 * is served by the hospitals of its county) and of the regions above it. Open ones first, then by
 * distance from the resident when a location is given.
 */
export async function publicHealthFacilities(db: Db, q: { region: string; kind?: HealthFacilityKind; openNow?: 'true' | 'false'; lon?: number; lat?: number }, now: Date): Promise<PublicHealthFacility[]> {
  const county = q.region.slice(0, 6).padEnd(12, '0');
  const rows = await db
    .select()
    .from(healthFacility)
    .where(and(eq(healthFacility.active, true), or(underRegion(healthFacility.regionCode, county), inArray(healthFacility.regionCode, placeAndAbove(county))), q.kind ? eq(healthFacility.kind, q.kind) : undefined))
    .limit(500);
  const names = await regionNames(db, rows.map((r) => r.regionCode));
  const from = q.lon !== undefined && q.lat !== undefined ? { lon: q.lon, lat: q.lat } : null;
  return rows
    .map((r) => {
      const { version: _v, active: _a, regionCode: _r, ...shown } = presentFacility(r, names, now);
      return { ...shown, distanceMeters: from ? distanceMeters(from, r) : null };
    })
    .filter((f) => q.openNow !== 'true' || f.openNow)
    .sort((a, b) => Number(b.openNow) - Number(a.openNow) || (a.distanceMeters ?? 0) - (b.distanceMeters ?? 0) || a.name.localeCompare(b.name, 'zh'));
}

// ---- Consultations ----

async function presentConsultations(db: Db, actor: Actor, rows: ConsultationRow[], now: Date): Promise<Consultation[]> {
  const names = await regionNames(db, rows.map((r) => r.regionCode));
  return rows.map((c) => ({
    id: c.id, regionCode: c.regionCode, regionName: names.get(c.regionCode) ?? '', question: c.question, answer: c.answer, rejectReason: c.rejectReason, signedIn: c.askedBy !== null,
    status: c.status as ConsultationStatus, askedAt: c.askedAt.toISOString(), answeredAt: c.answeredAt?.toISOString() ?? null, publishedAt: c.publishedAt?.toISOString() ?? null,
    version: c.version, actions: consultationActions(actor, c, now),
  }));
}

export async function listConsultations(db: Db, actor: Actor, q: Paging & { status?: ConsultationStatus; region?: string }, now: Date) {
  const where = and(recordVisible(actor, CONSULTATION_VISIBILITY), q.status ? eq(consultation.status, q.status) : undefined, q.region ? underRegion(consultation.regionCode, q.region) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(consultation).where(where).orderBy(desc(consultation.askedAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(consultation).where(where),
  ]);
  return { items: await presentConsultations(db, actor, rows, now), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function getConsultation(db: Db, actor: Actor, id: string, now: Date): Promise<Consultation> {
  return (await presentConsultations(db, actor, [await loadConsultation(db, actor, id)], now))[0]!;
}

/** Published questions at a place (its region and those above it): the question as masked, the answer, never the asker. */
export async function publicConsultations(db: Db, regionCode: string) {
  const rows = await db
    .select()
    .from(consultation)
    .where(and(eq(consultation.status, 'published'), inArray(consultation.regionCode, placeAndAbove(regionCode))))
    .orderBy(desc(consultation.publishedAt))
    .limit(50);
  const names = await regionNames(db, rows.map((r) => r.regionCode));
  return rows.map((c) => ({ id: c.id, regionName: names.get(c.regionCode) ?? '', question: c.question, answer: c.answer ?? '', publishedAt: c.publishedAt!.toISOString() }));
}
