/**
 * The tables this module works on that other modules declare. `watch_entry` and `device_alarm`
 * were created with sensing's tables (migration 0044), and captures name devices of the registry:
 * this branch may not change sensing or devices, so it reads them here, in one place, until
 * `watch_entry` moves to `watchlist/tables.ts` and sensing and devices export `raiseAlarm` and
 * `deviceByCode`. Nothing else in the module imports another module's tables.
 */
// eslint-disable-next-line gridgov/module-boundaries -- watch_entry/device_alarm live in sensing's tables.ts until moved (see above)
export { deviceAlarm, deviceEvent, watchEntry } from '../sensing/tables.js';
// eslint-disable-next-line gridgov/module-boundaries -- a capture's device by its code, until devices exports a lookup (see above)
export { device } from '../devices/tables.js';
