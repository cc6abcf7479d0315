/**
 * Registered devices. GA/T 1400 authenticates only Register (and UnRegister); every later call
 * names its device in `User-Identify`, so what stands behind that header is a session opened by a
 * successful Digest handshake and kept alive by Keepalive. The store is injected so several server
 * processes can share one (the device registry keeps it in PostgreSQL); the in-memory one serves
 * a single process, tests and the simulator.
 */

/** A device's session, from Register to UnRegister or a missed keepalive. */
export interface DeviceSession {
  deviceId: string;
  /** The peer address at Register; later calls must come from it when the server binds sessions to addresses. */
  address: string;
  registeredAt: Date;
  lastKeepaliveAt: Date;
  /** The session lapses at this instant unless a Keepalive moves it. */
  expiresAt: Date;
  /** What the device said of itself in RegisterObject beyond its ID (name, model, firmware...). */
  info: Record<string, unknown>;
}

export interface SessionStore {
  /** Opens or replaces the session of a device. */
  save(session: DeviceSession): Promise<void>;
  get(deviceId: string): Promise<DeviceSession | null>;
  /** Ends a session; whether there was one. */
  remove(deviceId: string): Promise<boolean>;
}

/** Sessions in one process's memory. */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, DeviceSession>();

  async save(session: DeviceSession): Promise<void> {
    this.sessions.set(session.deviceId, { ...session, info: { ...session.info } });
  }

  async get(deviceId: string): Promise<DeviceSession | null> {
    const s = this.sessions.get(deviceId);
    return s ? { ...s } : null;
  }

  async remove(deviceId: string): Promise<boolean> {
    return this.sessions.delete(deviceId);
  }

  /** The devices whose session is live at `now` (device health views, tests). */
  online(now: Date): DeviceSession[] {
    return [...this.sessions.values()].filter((s) => s.expiresAt > now);
  }
}
