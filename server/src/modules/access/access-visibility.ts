/** Who sees gate access records: holders of `access:read` within the compound's region (and grid, for grid workers). */
import type { Actor } from '../../platform/context.js';
import { gridRecordInScope, placeInScope, type RecordScope, type Visibility } from '../../platform/scope.js';
import { accessRecord } from './tables.js';

export const ACCESS_VISIBILITY: Visibility<RecordScope> = [
  {
    permission: 'access:read',
    where: (actor: Actor) => gridRecordInScope(actor, accessRecord.regionCode, accessRecord.gridId),
    test: (actor: Actor, r: RecordScope) => placeInScope(actor, r),
  },
];
