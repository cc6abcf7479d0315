/**
 * Audit anchoring: the checkpoint job writes the chain's head, signed; audit:verify passes a
 * normal chain, refuses a forged checkpoint and reports entries cut off the end.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { rows, sql } from '../db/client.js';
import { verifyAuditChain } from '../audit/verify-audit.js';
import { startTestEnv, type TestEnv } from '../../../test/harness.js';
import { auditHead, signCheckpoint, verifyAnchoredChain, type Checkpoint } from './audit-checkpoint.js';

const run = promisify(execFile);

describe('audit anchoring', () => {
  let env: TestEnv;
  let dir: string;
  let file: string;
  const key = randomBytes(32);

  const lines = (f = file): Checkpoint[] => fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Checkpoint);

  /** The checkpoint timer's next run: its interval passes, the worker runs what is due. */
  async function tick(): Promise<void> {
    env.clock.advance(5 * 60_000 + 1);
    await env.rt.jobs.runDue();
  }

  async function failedSignIn(): Promise<void> {
    const res = await env.client().request('POST', '/api/auth/login', { username: 'admin', password: 'not-the-Password1' });
    assert.equal(res.status, 401);
  }

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-anchor-'));
    file = path.join(dir, 'checkpoints.jsonl');
    env = await startTestEnv({ config: { auditCheckpointFile: file, auditCheckpointKey: key.toString('base64'), auditCheckpointMinutes: 5 } });
    await failedSignIn();
  });

  after(async () => {
    await env.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the job writes the head as a signed checkpoint, once per change, and a normal chain passes', async () => {
    await tick();
    const head = await auditHead(env.rt.database.db);
    assert.equal(lines().length, 1);
    assert.equal(lines()[0]!.seq, head.seq);
    assert.equal(lines()[0]!.hash, head.hash);
    assert.equal(lines()[0]!.at, env.clock.now().toISOString());

    await tick();
    assert.equal(lines().length, 1, 'an unchanged head is not written again');

    await failedSignIn();
    const passing = await verifyAnchoredChain(env.rt.database.db, { file, key });
    assert.equal(passing.ok, true, JSON.stringify(passing));
    assert.ok(passing.ok && passing.checkpoint?.seq === head.seq, 'entries after the last checkpoint are fine');

    await tick();
    assert.equal(lines().length, 2);
    assert.equal(lines()[1]!.seq, (await auditHead(env.rt.database.db)).seq);
    assert.equal((await verifyAnchoredChain(env.rt.database.db, { file, key })).ok, true);
  });

  it('refuses a forged checkpoint: another key, or a field changed under the old signature', async () => {
    const head = await auditHead(env.rt.database.db);
    const otherKey = path.join(dir, 'other-key.jsonl');
    fs.writeFileSync(otherKey, `${fs.readFileSync(file, 'utf8')}${JSON.stringify(signCheckpoint(randomBytes(32), { at: env.clock.now(), seq: head.seq, hash: head.hash }))}\n`);
    const byOtherKey = await verifyAnchoredChain(env.rt.database.db, { file: otherKey, key });
    assert.equal(byOtherKey.ok, false);
    assert.ok(!byOtherKey.ok && byOtherKey.reason === 'forged_checkpoint');
    assert.match(!byOtherKey.ok ? byOtherKey.message : '', /Checkpoint 3 of .* is REFUSED: it names another signing key/);

    // Moving a real checkpoint back to an earlier entry (to hide a later cut) breaks its signature.
    const altered = path.join(dir, 'altered.jsonl');
    const [first, second] = lines();
    const earlier = await rows<{ id: string; hash: string }>(env.rt.database.db, sql`select id::text as id, hash from audit_log where id < ${second!.seq} order by audit_log.id desc limit 1`);
    fs.writeFileSync(altered, `${JSON.stringify(first)}\n${JSON.stringify({ ...second, seq: earlier[0]!.id, hash: earlier[0]!.hash })}\n`);
    const byAltered = await verifyAnchoredChain(env.rt.database.db, { file: altered, key });
    assert.ok(!byAltered.ok && byAltered.reason === 'forged_checkpoint');
    assert.match(!byAltered.ok ? byAltered.message : '', /Checkpoint 2 .* REFUSED: its signature does not match \(forged or altered\)/);
  });

  it('detects the newest entries cut off the end, which the chain alone does not show', async () => {
    const checkpoint = lines().at(-1)!;
    // Someone with the database's owner rights lifts the append-only trigger and cuts the end.
    const db = env.rt.database.db;
    await db.execute(sql`alter table audit_log disable trigger user`);
    await db.execute(sql`delete from audit_log where id >= (select max(id) - 1 from audit_log where id <= ${checkpoint.seq})`);
    await db.execute(sql`alter table audit_log enable trigger user`);

    const chain = await verifyAuditChain(db);
    assert.equal(chain.ok, true, 'the shortened chain still links up');
    const result = await verifyAnchoredChain(db, { file, key });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.reason === 'truncated');
    const now = await auditHead(db);
    assert.match(!result.ok ? result.message : '', new RegExp(`Audit log TRUNCATED: the checkpoint of ${checkpoint.at.replace(/\./g, '\\.')} saw entry ${checkpoint.seq}, but the chain now ends at entry ${now.seq}`));

    // New entries after the cut do not hide it: the checkpoint's entry is gone.
    await failedSignIn();
    await failedSignIn();
    await failedSignIn();
    const later = await verifyAnchoredChain(db, { file, key });
    assert.ok(!later.ok && (later.reason === 'diverged' || later.reason === 'truncated' || later.reason === 'chain_broken'), JSON.stringify(later));

    if (env.testDb.databaseUrl) {
      // The command says so and exits 1 (PostgreSQL: a second process can open the database).
      const failed = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/audit-verify.ts'], {
        env: { ...process.env, DATABASE_URL: env.testDb.databaseUrl, GRIDGOV_AUDIT_CHECKPOINT_FILE: file, GRIDGOV_AUDIT_CHECKPOINT_KEY: key.toString('base64') },
      }).then(
        () => assert.fail('audit:verify passed a cut chain'),
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /Audit (log (TRUNCATED|REWRITTEN)|chain BROKEN)/);
    }
  });
});
