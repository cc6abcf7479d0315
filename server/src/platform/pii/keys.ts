/**
 * Where the personal-data master key comes from: GRIDGOV_PII_KEY (base64 of 32 bytes) always
 * wins. Production refuses to start without it. The demo keeps a generated key in a file beside
 * its data (mode 0600), and an in-memory database gets a throwaway key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';

export function parseKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('GRIDGOV_PII_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  return key;
}

export function loadPiiKey(config: Pick<Config, 'mode' | 'piiKey' | 'dataDir'>): Buffer {
  if (config.piiKey) return parseKey(config.piiKey);
  if (config.mode === 'production') throw new Error('GRIDGOV_PII_KEY is required in production mode (openssl rand -base64 32)');
  if (config.dataDir === 'memory') return randomBytes(32);
  const file = path.join(path.dirname(config.dataDir), 'pii.key');
  if (fs.existsSync(file)) return parseKey(fs.readFileSync(file, 'utf8').trim());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
