/**
 * An in-memory {@link DeviceRegistrySink} and {@link CredentialStore}: what the tests and the coming
 * device simulator use until the device-registry module implements both against PostgreSQL.
 * It records every call in order, so a test can assert what the platform was told and when.
 */
import type { CatalogItem } from './manscdp.js';
import type { CredentialStore, DeviceContact, DeviceRegistrySink, OfflineReason } from './registrar.js';
import type { SipTransportName } from './sip-message.js';

/** One call the registrar made, as recorded. */
export type RegistryEvent =
  | { kind: 'registered'; deviceId: string; contact: DeviceContact; transport: SipTransportName }
  | { kind: 'online'; deviceId: string; at: Date }
  | { kind: 'offline'; deviceId: string; at: Date; reason: OfflineReason }
  | { kind: 'catalog'; deviceId: string; items: CatalogItem[]; sn: number; sumNum: number; complete: boolean; push: boolean };

/** Devices with passwords, and a log of what the registrar reported. */
export class MemoryDeviceRegistry implements DeviceRegistrySink, CredentialStore {
  readonly events: RegistryEvent[] = [];
  private readonly passwords: Map<string, string>;
  private readonly waiters = new Set<() => void>();

  constructor(passwords: Record<string, string> = {}) {
    this.passwords = new Map(Object.entries(passwords));
  }

  passwordFor(deviceId: string): string | undefined {
    return this.passwords.get(deviceId);
  }

  registered(deviceId: string, contact: DeviceContact, transport: SipTransportName): void {
    this.push({ kind: 'registered', deviceId, contact, transport });
  }

  online(deviceId: string, at: Date): void {
    this.push({ kind: 'online', deviceId, at });
  }

  offline(deviceId: string, at: Date, reason: OfflineReason): void {
    this.push({ kind: 'offline', deviceId, at, reason });
  }

  catalog(deviceId: string, items: CatalogItem[], info: { sn: number; sumNum: number; complete: boolean; push: boolean }): void {
    this.push({ kind: 'catalog', deviceId, items, ...info });
  }

  /** Whether the device's last online/offline report was online. */
  isOnline(deviceId: string): boolean {
    const last = this.events.filter((e) => e.deviceId === deviceId && (e.kind === 'online' || e.kind === 'offline')).pop();
    return last?.kind === 'online';
  }

  /** Resolves with the first recorded event that matches, waiting for it up to `timeoutMs`. */
  waitFor<K extends RegistryEvent['kind']>(kind: K, match: (e: Extract<RegistryEvent, { kind: K }>) => boolean = () => true, timeoutMs = 5000): Promise<Extract<RegistryEvent, { kind: K }>> {
    const find = () => this.events.find((e): e is Extract<RegistryEvent, { kind: K }> => e.kind === kind && match(e as Extract<RegistryEvent, { kind: K }>));
    const found = find();
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = () => {
        const e = find();
        if (!e) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(e);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${kind} event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private push(e: RegistryEvent): void {
    this.events.push(e);
    for (const w of [...this.waiters]) w();
  }
}
