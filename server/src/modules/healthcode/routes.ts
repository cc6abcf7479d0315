/**
 * Health code routes, named after the GB/T 38963-2020 interfaces (docs/health-codes.md): one's own
 * code (request and issue, health information query), trip declaration, correction requests;
 * code verification at a venue gate (public: an opaque token in, colour and validity out); the
 * operators' list and a person's reason (with a purpose, audited); the rule's versions, the risk
 * areas and the correction review.
 */
import {
  codeDetail, codeIdParams, codeLookupRequest, codeReadQuery, codeSummary, codeVerification, correctionListQuery, correctionRequest, correctionReviewRequest, correctionSummary, healthCodeListQuery, ownCode, page,
  riskArea, riskAreaRequest, ruleVersionRequest, ruleVersions, tokenParams, tripRequest, uuid,
} from '@gridgov/contracts';
import { z } from 'zod';
import type { App } from '../../platform/http/types.js';
import { actorCtx } from '../../platform/http/access.js';
import type { Kit } from '../../platform/kit/kit.js';
import { declareTrip, listCodes, lookupCode, ownCode as readOwnCode, readCode, requestCode } from './codes.js';
import { listCorrections, recordCorrection, requestOwnCorrection, reviewCorrection } from './corrections.js';
import { listRiskAreas, replaceRiskAreas } from './risk-areas.js';
import { addRuleVersion, readRules } from './rule.js';
import { verifyToken } from './verify.js';

export function healthcodeRoutes(app: App, kit: Kit): void {
  const tags = ['health codes'];
  app.get('/api/public/health-codes/verify/:token', {
    config: { access: 'public' },
    schema: { tags, summary: '健康码验码: the colour and validity of an opaque token at a venue gate; nothing about the person; `unknown` for an unknown, expired or unissued token', params: tokenParams, response: { 200: codeVerification } },
    handler: (req) => verifyToken(kit, req.params.token, kit.clock.now()),
  });
  app.get('/api/health-codes/mine', {
    config: { access: 'healthcode:self' },
    schema: { tags, summary: '用户健康信息查询: one\'s own code, its validity, token and reason', response: { 200: ownCode } },
    handler: (req) => readOwnCode(kit, actorCtx(req)),
  });
  app.post('/api/health-codes/mine', {
    config: { access: 'healthcode:self' },
    schema: { tags, summary: '健康码调用申请 / 制码请求: compute and issue one\'s code (a new token on `rotate`); audited', body: z.strictObject({ rotate: z.boolean().optional() }), response: { 200: ownCode } },
    handler: (req) => requestCode(kit, actorCtx(req), req.body.rotate ?? false),
  });
  app.post('/api/health-codes/mine/trips', {
    config: { access: 'healthcode:self' },
    schema: { tags, summary: '用户行程申报: declare a trip (origin, arrival); the code follows at once; audited', body: tripRequest, response: { 200: ownCode } },
    handler: (req) => declareTrip(kit, actorCtx(req), req.body),
  });
  app.post('/api/health-codes/mine/corrections', {
    config: { access: 'healthcode:self' },
    schema: { tags, summary: '用户健康信息纠错: dispute one\'s code with a reason (one open request at a time); audited', body: correctionRequest, response: { 201: correctionSummary } },
    handler: async (req, reply) => reply.status(201).send(await requestOwnCorrection(kit, actorCtx(req), req.body.reason)),
  });
  app.get('/api/health-codes', {
    config: { access: 'healthcode:read' },
    schema: { tags, summary: 'Codes placed in scope, newest first: colour, rule line, evidence kinds; no names (audited)', querystring: healthCodeListQuery, response: { 200: page(codeSummary) } },
    handler: (req) => listCodes(kit, actorCtx(req), req.query),
  });
  app.post('/api/health-codes/lookup', {
    config: { access: 'healthcode:read' },
    schema: { tags, summary: 'One person\'s code found by their document number, for a stated purpose: in scope only (NOT_FOUND alike for none and out of scope); audited with the purpose', body: codeLookupRequest, response: { 200: codeDetail } },
    handler: (req) => lookupCode(kit, actorCtx(req), req.body),
  });
  app.get('/api/health-codes/:id', {
    config: { access: 'healthcode:read', record: 'health_code' },
    schema: { tags, summary: 'One person\'s code with the rule line and the evidence that made it, for a stated purpose (audited with it)', params: codeIdParams, querystring: codeReadQuery, response: { 200: codeDetail } },
    handler: (req) => readCode(kit, actorCtx(req), req.params.id, req.query.purpose),
  });
  app.post('/api/health-codes/:id/corrections', {
    config: { access: 'healthcode:read', record: 'health_code' },
    schema: { tags, summary: 'Record a correction request given by phone for a code in scope; audited', params: codeIdParams, body: correctionRequest, response: { 201: correctionSummary } },
    handler: async (req, reply) => reply.status(201).send(await recordCorrection(kit, actorCtx(req), req.params.id, req.body.reason)),
  });
  app.get('/api/health-code-corrections', {
    config: { access: 'healthcode:review' },
    schema: { tags, summary: 'Correction requests of codes in scope, newest first', querystring: correctionListQuery, response: { 200: page(correctionSummary) } },
    handler: (req) => listCorrections(kit, actorCtx(req), req.query),
  });
  app.post('/api/health-code-corrections/:id/review', {
    config: { access: 'healthcode:review', record: 'health_correction' },
    schema: { tags, summary: 'Accept (the colour given until the expiry) or reject a correction request; audited with from/to', params: z.strictObject({ id: uuid }), body: correctionReviewRequest, response: { 200: correctionSummary } },
    handler: (req) => reviewCorrection(kit, actorCtx(req), req.params.id, req.body),
  });
  app.get('/api/health-code-rule', {
    config: { access: ['healthcode:read', 'healthcode:rule'] },
    schema: { tags, summary: 'The rule\'s versions with their effective times, and the one in force', response: { 200: ruleVersions } },
    handler: () => readRules(kit.db, kit.clock.now()),
  });
  app.put('/api/health-code-rule', {
    config: { access: 'healthcode:rule' },
    schema: { tags, summary: 'Add a version of the rule taking over at `effectiveFrom` (now: every code recomputed at once); city-wide operators; audited with from/to', body: ruleVersionRequest, response: { 200: ruleVersions } },
    handler: (req) => addRuleVersion(kit, actorCtx(req), req.body),
  });
  app.get('/api/health-code-risk-areas', {
    config: { access: ['healthcode:read', 'healthcode:rule'] },
    schema: { tags, summary: 'The risk areas with their levels and dates', response: { 200: z.array(riskArea) } },
    handler: () => listRiskAreas(kit.db),
  });
  app.put('/api/health-code-risk-areas', {
    config: { access: 'healthcode:rule' },
    schema: { tags, summary: 'Replace the risk areas (every code recomputed); city-wide operators; audited with from/to', body: z.strictObject({ areas: z.array(riskAreaRequest).max(500) }), response: { 200: z.array(riskArea) } },
    handler: (req) => replaceRiskAreas(kit, actorCtx(req), req.body.areas),
  });
}
