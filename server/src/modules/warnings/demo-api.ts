/** What the demo seed uses of the warnings module (modules/demo/seed-warnings.ts). */
import { asc } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { warning } from './tables.js';

export { runRules } from './run-rules.js';
export { transitionWarning } from './transition-warning.js';
export { listRules, updateRule } from './rules.js';

export async function listWarningsForDemo(db: Db) {
  return db.select({ id: warning.id, level: warning.level, regionCode: warning.regionCode }).from(warning).orderBy(asc(warning.raisedAt), asc(warning.regionCode), asc(warning.id));
}
