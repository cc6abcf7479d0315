/**
 * The GA/T 1400 view library (视图库) of the running app, under /VIID: the protocol layer
 * (platform/protocols/gat1400) with the registry's Digest passwords, nonces and sessions shared by
 * every process through the database, Register and Keepalive as the device's signs of life (and
 * UnRegister or a lapsed session as its going), and captures stored and matched against the watch
 * list. The layer parses its own `application/VIID+JSON` (and plain JSON) bodies in its own
 * encapsulated context, answers its own errors and "not found", and needs no session cookie.
 */
import {
  DbNonceStore, DbSessionStore, gat1400Routes, type ApeObject, type CaptureSink, type DeviceSession, type ObjectOutcome, type SessionStore, type SubscribeObject,
} from '../../platform/protocols/gat1400/index.js';
import type { App } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { markOffline, markSeen, viidCredentials } from '../devices/index.js';
import { storeCaptures, type CaptureObject } from './captures.js';

/** Sessions in the database; saving one (Register, Keepalive) is a sign of life, ending one (UnRegister, a lapse) an outage. */
export function liveSessions(kit: Pick<Kit, 'db' | 'clock' | 'registry'>, store: SessionStore = new DbSessionStore(kit.db)): SessionStore {
  return {
    async save(session: DeviceSession) {
      await store.save(session);
      await markSeen(kit, session.deviceId, session.lastKeepaliveAt);
    },
    get: (deviceId: string) => store.get(deviceId),
    async remove(deviceId: string) {
      const removed = await store.remove(deviceId);
      if (removed) await markOffline(kit, deviceId, kit.clock.now());
      return removed;
    },
  };
}

const notKept = (objects: readonly unknown[]): ObjectOutcome[] => objects.map(() => ({ accepted: false, reason: 'not kept by this platform yet' }));

/** Faces, persons and vehicles are stored and matched; APEs and subscriptions are not kept here yet. */
export function captureSink(kit: Pick<Kit, 'db' | 'vault' | 'clock' | 'jobs'>): CaptureSink {
  return {
    faces: (deviceId, objects) => storeCaptures(kit, deviceId, 'face', objects as unknown as CaptureObject[]),
    persons: (deviceId, objects) => storeCaptures(kit, deviceId, 'person', objects as unknown as CaptureObject[]),
    motorVehicles: (deviceId, objects) => storeCaptures(kit, deviceId, 'vehicle', objects as unknown as CaptureObject[]),
    apes: async (_deviceId, objects) => notKept(objects),
    listApes: async (): Promise<ApeObject[]> => [],
    subscribes: async (_deviceId, objects) => notKept(objects),
    listSubscribes: async (): Promise<SubscribeObject[]> => [],
    subscribeNotifications: async (_deviceId, objects) => notKept(objects),
  };
}

export async function viidRoutes(app: App, kit: Kit): Promise<void> {
  await app.register(gat1400Routes({
    credentials: viidCredentials(kit),
    sessions: liveSessions(kit),
    nonces: new DbNonceStore(kit.db),
    sink: captureSink(kit),
    serverId: kit.config.viidServerId,
    clock: kit.clock,
  }));
}
