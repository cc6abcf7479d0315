import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { idCheckChar, type FormDefinition, type FormSummary, type FormVersion } from '@gridgov/contracts';
import { DEMO_PASSWORD } from '../demo/seed-demo.js';
import { rows } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { validateSubmission } from '../../platform/forms/validate-submission.js';
import { publishedForm } from '../../platform/forms/queries.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
interface AnswerErrors {
  errors: { path: string; code: string; message: string }[];
}
interface Problems {
  problems: { path: string; code: string; message: string }[];
}

const SURVEY = 'epidemic.household_survey';
const TODAY = '2026-11-23';
const PHOTO = '0b6a7c1e-6d5e-4a55-9b8e-3f1f7c2a9d10';
const ID = `43070219800101001${idCheckChar('43070219800101001')}`;

function household(members: Record<string, unknown>[], more: Record<string, unknown> = {}): Record<string, unknown> {
  return { address: '3栋2单元501', visited_on: TODAY, visit_result: 'met', members, worker_confirm: true, ...more };
}
/** The trigger of migration 0008 refused it (drizzle wraps the driver's error as its cause). */
function refusedByDatabase(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) if (/cannot change/.test((e as Error).message)) return true;
  return false;
}

const member = (more: Record<string, unknown> = {}) => ({ name: '张三', relation: 'head', temperature: 36.5, travelled: false, contact: 'none', ...more });

describe('forms', () => {
  let env: TestEnv;
  let admin: Client;
  let operator: Client;
  let survey: FormVersion;

  before(async () => {
    env = await startTestEnv();
    admin = await env.login('sysadmin');
    operator = await env.login('city_op');
    survey = (await admin.get<FormVersion>(`/api/forms/${SURVEY}/versions/1`)).body;
  });
  after(() => env.close());

  async function formAudit(): Promise<{ action: string; actor_name: string | null; object_id: string; details: Record<string, unknown> }[]> {
    return rows(env.rt.database.db, sql`select action, actor_name, object_id, details from audit_log where object_type = 'form_definition' order by id`);
  }

  it('the demo holds the example forms, published', async () => {
    const list = await operator.get<{ items: FormSummary[] }>('/api/forms');
    assert.equal(list.status, 200);
    // The platform's examples and the forms the modules ship (the dispute register, one per key-person category, the health declaration), each at version 1.
    const forms = list.body.items.map((f) => [f.key, f.versions.map((v) => `${v.version}:${v.status}`)] as const);
    for (const [key, versions] of forms) assert.deepEqual(versions, ['1:published'], key);
    const keys = forms.map(([key]) => key);
    for (const key of ['dispute.intake', SURVEY, 'disputes.register', 'declarations.self']) assert.ok(keys.includes(key), key);
    // One form per key-person category, and the visit form (keypersons.visit).
    assert.ok(keys.includes('keypersons.visit'));
    assert.equal(keys.filter((k) => k.startsWith('keypersons.')).length, 10);
    assert.equal(survey.definition.title.zh, '入户走访摸排');
  });

  it('needs form:config to draft, publish or retire, and form:read or form:config to read', async () => {
    const next = { ...survey.definition, version: 2 };
    assert.equal((await operator.post<ErrorBody>('/api/forms', { definition: next })).status, 403);
    assert.equal((await operator.post<ErrorBody>(`/api/forms/${SURVEY}/versions/1/retire`)).status, 403);
    const worker = await env.login('gw1');
    assert.equal((await worker.post<ErrorBody>(`/api/forms/${SURVEY}/versions/1/publish`, { revision: 1 })).status, 403);
    assert.equal((await worker.get(`/api/forms/${SURVEY}/current`)).status, 200, 'a grid worker reads the form it fills in');
    for (const username of ['secadmin', 'auditor', 'resident1']) {
      const other = await env.login(username);
      assert.equal((await other.get<ErrorBody>('/api/forms')).status, 403, username);
    }
    assert.equal((await env.client().get<ErrorBody>('/api/forms')).status, 401);
  });

  it('takes a draft, saves it by revision, publishes it, and never changes it again', async () => {
    const extra = { key: 'household_size', type: 'number', label: { zh: '常住人数', en: 'People living here' }, integer: true, min: 0 } as const;
    const next: FormDefinition = { ...survey.definition, version: 2, fields: [...survey.definition.fields, extra] };
    const created = await admin.post<FormVersion>('/api/forms', { definition: next });
    assert.equal(created.status, 201);
    assert.deepEqual([created.body.status, created.body.revision, created.body.createdBy?.displayName], ['draft', 1, '系统管理员']);

    assert.equal((await admin.post<ErrorBody>('/api/forms', { definition: next })).body.error.code, 'FORM_DRAFT_EXISTS');
    assert.equal((await operator.get(`/api/forms/${SURVEY}/versions/2`)).status, 404, 'a draft is not there for form:read');
    const listed = await operator.get<{ items: FormSummary[] }>('/api/forms');
    assert.ok(!listed.body.items.find((f) => f.key === SURVEY)!.versions.some((v) => v.status === 'draft'));

    const renamed = { ...next, title: { zh: '入户走访摸排（第二版）', en: 'Household survey (second edition)' } };
    const saved = await admin.patch<FormVersion>(`/api/forms/${SURVEY}/versions/2`, { definition: renamed, revision: 1 });
    assert.equal(saved.status, 200);
    assert.equal(saved.body.revision, 2);
    const stale = await admin.patch<ErrorBody>(`/api/forms/${SURVEY}/versions/2`, { definition: renamed, revision: 1 });
    assert.equal(stale.body.error.code, 'FORM_VERSION_CONFLICT');
    assert.equal((await admin.post<ErrorBody>(`/api/forms/${SURVEY}/versions/2/publish`, { revision: 1 })).body.error.code, 'FORM_VERSION_CONFLICT');

    const published = await admin.post<FormVersion>(`/api/forms/${SURVEY}/versions/2/publish`, { revision: 2 });
    assert.equal(published.status, 200);
    assert.equal(published.body.status, 'published');
    assert.equal(published.body.publishedBy?.displayName, '系统管理员');
    assert.equal((await operator.get<FormVersion>(`/api/forms/${SURVEY}/current`)).body.version, 2);

    // Published: no more saving, deleting or publishing, by the API...
    const change = await admin.patch<ErrorBody>(`/api/forms/${SURVEY}/versions/2`, { definition: { ...renamed, title: survey.definition.title }, revision: 2 });
    assert.equal(change.status, 409);
    assert.equal(change.body.error.code, 'FORM_VERSION_IMMUTABLE');
    assert.equal((await admin.delete<ErrorBody>(`/api/forms/${SURVEY}/versions/2?revision=2`)).body.error.code, 'FORM_VERSION_IMMUTABLE');
    assert.equal((await admin.post<ErrorBody>(`/api/forms/${SURVEY}/versions/2/publish`, { revision: 2 })).body.error.code, 'FORM_STATE');
    // ...nor by SQL: the database refuses to change a published definition.
    await assert.rejects(env.rt.database.db.execute(sql`update form_definition set definition = '{}'::jsonb where key = ${SURVEY} and version = 2`), refusedByDatabase);
    await assert.rejects(env.rt.database.db.execute(sql`update form_definition set status = 'draft' where key = ${SURVEY} and version = 2`), refusedByDatabase);
    await assert.rejects(env.rt.database.db.execute(sql`delete from form_definition where key = ${SURVEY} and version = 1`), refusedByDatabase);
    const after = await admin.get<FormVersion>(`/api/forms/${SURVEY}/versions/2`);
    assert.equal(after.body.definition.title.zh, '入户走访摸排（第二版）');
    assert.equal(after.body.definition.fields.at(-1)?.key, 'household_size');
  });

  it('writes an audit entry for each change, by whom', async () => {
    const draft = { ...survey.definition, key: 'test.audited', title: { zh: '审计测试', en: 'Audit test' } };
    const created = await admin.post<FormVersion>('/api/forms', { definition: draft });
    assert.equal(created.status, 201);
    await admin.patch('/api/forms/test.audited/versions/1', { definition: draft, revision: 1 });
    await admin.post('/api/forms/test.audited/versions/1/publish', { revision: 2 });
    await admin.post('/api/forms/test.audited/versions/1/retire');
    await admin.post('/api/forms', { definition: { ...draft, version: 2 } });
    assert.equal((await admin.delete('/api/forms/test.audited/versions/2?revision=1')).status, 204);
    const entries = (await formAudit()).filter((e) => e.details.key === 'test.audited');
    assert.deepEqual(
      entries.map((e) => [e.action, e.details.version, e.actor_name]),
      [
        ['form.draft.create', 1, 'sysadmin'],
        ['form.draft.update', 1, 'sysadmin'],
        ['form.publish', 1, 'sysadmin'],
        ['form.retire', 1, 'sysadmin'],
        ['form.draft.create', 2, 'sysadmin'],
        ['form.draft.delete', 2, 'sysadmin'],
      ],
    );
    assert.equal((await admin.get('/api/forms/test.audited/versions/2')).status, 404, 'the deleted draft is gone');
    // A refused change leaves no entry.
    const before = (await formAudit()).length;
    await admin.post('/api/forms/test.audited/versions/1/retire');
    assert.equal((await formAudit()).length, before);
  });

  it('refuses a definition with problems: 400 with each problem\'s path and message', async () => {
    const broken = {
      ...survey.definition,
      key: 'test.broken',
      fields: [
        { key: 'a', type: 'text', label: { zh: '甲', en: 'A' } },
        { key: 'b', type: 'text', label: { zh: '乙', en: 'B' }, showIf: { field: 'nobody', op: 'empty' } },
        { key: 'a', type: 'number', label: { zh: '丙', en: 'C' }, min: 5, max: 1 },
      ],
      alerts: [],
    };
    const res = await admin.post<ErrorBody>('/api/forms', { definition: broken });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'FORM_DEFINITION_INVALID');
    const { problems } = res.body.error.details as Problems;
    assert.deepEqual(problems.map((p) => `${p.path} ${p.code}`), ['fields[1].showIf.field DEF_UNKNOWN_REF', 'fields[2].key DEF_DUPLICATE_KEY', 'fields[2].min DEF_RANGE']);
    assert.match(problems[0]!.message, /nobody/);
    const shape = await admin.post<ErrorBody>('/api/forms', { definition: { key: 'test.shape', version: 1 } });
    assert.deepEqual((shape.body.error.details as Problems).problems.map((p) => p.path), ['title', 'fields']);
    const skipped = await admin.post<ErrorBody>('/api/forms', { definition: { ...survey.definition, key: 'dispute.intake', version: 5 } });
    assert.equal(skipped.body.error.code, 'FORM_VERSION_INVALID');
    assert.deepEqual(skipped.body.error.details, { key: 'dispute.intake', expected: 2 });
    assert.equal((await admin.post<ErrorBody>('/api/forms', { definition: survey.definition, note: 'x' })).body.error.code, 'UNKNOWN_FIELD');
  });

  it('tries answers: 400 with each field\'s path, code and message; valid ones come back normalised and masked, with their alerts', async () => {
    const url = `/api/forms/dispute.intake/versions/1/validate`;
    const bad = await operator.post<ErrorBody>(url, {
      answers: { source: 'patrol', dispute_type: 'labour', workers: 2.5, summary: '太短', parties: [{ role: 'applicant', kind: 'person', name: '张三', phone: '123' }], colour: 'red' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'FORM_ANSWERS_INVALID');
    const { errors } = bad.body.error.details as AnswerErrors;
    assert.deepEqual(errors.map((e) => `${e.path} ${e.code}`), [
      'colour FORM_UNKNOWN_FIELD',
      'reported_on FORM_REQUIRED',
      'workers FORM_INTEGER',
      'summary FORM_MIN_LENGTH',
      'place FORM_REQUIRED',
      'parties FORM_TOO_FEW',
      'parties[0].phone FORM_PHONE',
      'risk_level FORM_REQUIRED',
      'mediation FORM_REQUIRED',
    ]);
    assert.equal(errors.find((e) => e.path === 'summary')?.message, '至少填写 10 个字');

    const english = env.client('en');
    assert.equal((await english.post('/api/auth/login', { username: 'city_op', password: DEMO_PASSWORD })).status, 200);
    const worded = await english.post<ErrorBody>(`/api/forms/${SURVEY}/versions/1/validate`, { answers: household([member({ temperature: 33 })]) });
    assert.deepEqual((worded.body.error.details as AnswerErrors).errors.map((e) => [e.path, e.message]), [['members[0].temperature', 'Must be at least 34 °C']]);

    const good = await operator.post<{ ok: true; value: { members: { id_number: string; phone: string }[] }; alerts: { key: string; path?: string }[] }>(
      `/api/forms/${SURVEY}/versions/1/validate`,
      { answers: household([member({ id_number: ID, phone: '13812341234', temperature: 38.6 })], { fever_referral: 'clinic', remarks: '   ' }) },
    );
    assert.equal(good.status, 200);
    assert.equal(good.body.value.members[0]!.id_number, `43**************${ID.slice(-2)}`);
    assert.equal(good.body.value.members[0]!.phone, '138****1234');
    assert.equal('remarks' in good.body.value, false, 'a blank answer is not stored');
    assert.deepEqual(good.body.alerts.map((a) => `${a.key}@${a.path}`), ['fever@members[0]']);
  });

  it('validateSubmission: published versions only; a retired one refuses, a draft is not found', async () => {
    const db = env.rt.database.db;
    const ok = await validateSubmission(db, 'dispute.intake', 1, {
      reported_on: TODAY, source: 'walk_in', dispute_type: 'neighbour', summary: '楼上漏水导致楼下房屋受损，双方就赔偿发生争执',
      place: { lon: 111.69, lat: 29.03 }, risk_level: 'high', mediation: 'on_site', outcome: 'failed', evidence: [PHOTO],
      parties: [{ role: 'applicant', kind: 'person', name: '张三', phone: '13812341234' }, { role: 'respondent', kind: 'person', name: '李四', phone: '13912341234' }],
    }, TODAY);
    assert.deepEqual(ok.alerts.map((a) => a.key), ['serious_risk', 'not_settled']);
    assert.deepEqual(ok.attachmentIds, [PHOTO], 'the photos to claim for the record');
    await assert.rejects(validateSubmission(db, 'dispute.intake', 1, { summary: 1 }, TODAY), (e: unknown) => e instanceof AppError && e.code === 'FORM_ANSWERS_INVALID');

    await admin.post('/api/forms', { definition: { ...survey.definition, key: 'test.retiring', version: 1 } });
    await assert.rejects(publishedForm(db, 'test.retiring', 1), (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND');
    await admin.post('/api/forms/test.retiring/versions/1/publish', { revision: 1 });
    assert.equal((await publishedForm(db, 'test.retiring')).version, 1);
    assert.equal((await admin.post<FormVersion>('/api/forms/test.retiring/versions/1/retire')).body.status, 'retired');
    await assert.rejects(validateSubmission(db, 'test.retiring', 1, {}, TODAY), (e: unknown) => e instanceof AppError && e.code === 'FORM_RETIRED');
    await assert.rejects(publishedForm(db, 'test.retiring'), (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND');
    const tried = await operator.post<ErrorBody>('/api/forms/test.retiring/versions/1/validate', { answers: {} });
    assert.equal(tried.body.error.code, 'FORM_RETIRED');
    assert.equal((await operator.get<FormVersion>('/api/forms/test.retiring/versions/1')).body.status, 'retired', 'a retired version stays readable');
  });
});
