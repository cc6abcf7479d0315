/**
 * Where accepted GA/T 1400 objects go. The protocol layer validates and answers; what a face or a
 * vehicle becomes (an entry record, a fever alarm, a watch-list hit) is decided behind this
 * interface by the sensing modules. Each method answers one outcome per object, in order, so one
 * refused object never costs the device its other captures.
 */
import type { ApeObject, FaceObject, MotorVehicleObject, PersonObject, SubscribeNotificationObject, SubscribeObject } from './schemas.js';

/** The fate of one object: accepted, or refused with a reason for the device's log. */
export type ObjectOutcome = { accepted: true } | { accepted: false; reason?: string };

export interface CaptureSink {
  faces(deviceId: string, objects: FaceObject[]): Promise<ObjectOutcome[]>;
  persons(deviceId: string, objects: PersonObject[]): Promise<ObjectOutcome[]>;
  motorVehicles(deviceId: string, objects: MotorVehicleObject[]): Promise<ObjectOutcome[]>;
  /** Capture devices a device or lower platform reports: POST creates, PUT updates. */
  apes(deviceId: string, objects: ApeObject[], operation: 'create' | 'update'): Promise<ObjectOutcome[]>;
  /** Capture devices the caller may see (GET /VIID/APEs). */
  listApes(deviceId: string): Promise<ApeObject[]>;
  subscribes(deviceId: string, objects: SubscribeObject[]): Promise<ObjectOutcome[]>;
  /** Subscriptions that concern the caller (GET /VIID/Subscribes). */
  listSubscribes(deviceId: string): Promise<SubscribeObject[]>;
  subscribeNotifications(deviceId: string, objects: SubscribeNotificationObject[]): Promise<ObjectOutcome[]>;
}

/** What the memory sink received, by kind, with the device that sent it. */
export interface Received {
  faces: { deviceId: string; object: FaceObject }[];
  persons: { deviceId: string; object: PersonObject }[];
  motorVehicles: { deviceId: string; object: MotorVehicleObject }[];
  apes: { deviceId: string; object: ApeObject; operation: 'create' | 'update' }[];
  subscribes: { deviceId: string; object: SubscribeObject }[];
  subscribeNotifications: { deviceId: string; object: SubscribeNotificationObject }[];
}

/**
 * A sink that keeps everything in memory (tests, the simulator's loop-back). `refuse` lets a test
 * play a platform that turns some objects down.
 */
export class MemoryCaptureSink implements CaptureSink {
  readonly received: Received = { faces: [], persons: [], motorVehicles: [], apes: [], subscribes: [], subscribeNotifications: [] };
  constructor(private readonly refuse: (kind: keyof Received, object: Record<string, unknown>) => string | null = () => null) {}

  private take<K extends keyof Received>(kind: K, deviceId: string, objects: Record<string, unknown>[], extra: object = {}): ObjectOutcome[] {
    return objects.map((object) => {
      const reason = this.refuse(kind, object);
      if (reason) return { accepted: false, reason };
      (this.received[kind] as unknown[]).push({ deviceId, object, ...extra });
      return { accepted: true };
    });
  }

  async faces(deviceId: string, objects: FaceObject[]): Promise<ObjectOutcome[]> {
    return this.take('faces', deviceId, objects);
  }
  async persons(deviceId: string, objects: PersonObject[]): Promise<ObjectOutcome[]> {
    return this.take('persons', deviceId, objects);
  }
  async motorVehicles(deviceId: string, objects: MotorVehicleObject[]): Promise<ObjectOutcome[]> {
    return this.take('motorVehicles', deviceId, objects);
  }
  async apes(deviceId: string, objects: ApeObject[], operation: 'create' | 'update'): Promise<ObjectOutcome[]> {
    return this.take('apes', deviceId, objects, { operation });
  }
  async listApes(): Promise<ApeObject[]> {
    const latest = new Map<string, ApeObject>();
    for (const { object } of this.received.apes) latest.set(object.ApeID, object);
    return [...latest.values()];
  }
  async subscribes(deviceId: string, objects: SubscribeObject[]): Promise<ObjectOutcome[]> {
    return this.take('subscribes', deviceId, objects);
  }
  async listSubscribes(): Promise<SubscribeObject[]> {
    return this.received.subscribes.map((s) => s.object);
  }
  async subscribeNotifications(deviceId: string, objects: SubscribeNotificationObject[]): Promise<ObjectOutcome[]> {
    return this.take('subscribeNotifications', deviceId, objects);
  }
}
