/**
 * The registry behind the protocol layers' interfaces (platform/protocols: the MQTT broker's
 * `DeviceAuthenticator`, the GB/T 28181 registrar's `CredentialStore` and `DeviceRegistrySink`).
 * The runtime wires them when it starts a layer.
 */
import type { DeviceAuthenticator } from '../../platform/protocols/mqtt/index.js';
import type { CredentialStore as ViidCredentialStore } from '../../platform/protocols/gat1400/index.js';
import type { CatalogItem as SipCatalogItem, CredentialStore, DeviceRegistrySink } from '../../platform/protocols/gb28181/index.js';
import type { Kit } from '../../platform/kit/kit.js';
import { authenticateDevice, digestPassword } from './credentials.js';
import { markOffline, markSeen, upsertCatalog, type CatalogItem } from './health.js';

type RegistryKit = Pick<Kit, 'db' | 'vault' | 'clock' | 'registry'>;

/** MQTT: `authenticate(clientId, username, password)` → the device's code and kind, or null. */
export const mqttAuthenticator = (kit: RegistryKit): DeviceAuthenticator => ({
  authenticate: (clientId: string, username: string, password: string) => authenticateDevice(kit, clientId, username, password, kit.clock.now()),
});

/** GB/T 28181 and GA/T 1400 Digest: the device's password, or null for a device the platform does not know. */
export const digestCredentials = (kit: RegistryKit): CredentialStore & { passwordFor(deviceId: string): Promise<string | null> } => ({ passwordFor: (deviceId: string) => digestPassword(kit, deviceId) });

/** GA/T 1400 Digest (Register/UnRegister): the device's password, or null when unknown or disabled. */
export const viidCredentials = (kit: RegistryKit): ViidCredentialStore => ({
  secretOf: async (username: string) => {
    const password = await digestPassword(kit, username);
    return password === null ? null : { password };
  },
});

/** GB/T 28181 registrar sink: registrations and heartbeats are signs of life; expiry is an outage; catalogs land under their sender. */
export const gb28181Sink = (kit: RegistryKit): DeviceRegistrySink => ({
  registered: async (deviceId: string) => void (await markSeen(kit, deviceId, kit.clock.now())),
  online: async (deviceId: string, at: Date) => void (await markSeen(kit, deviceId, at)),
  offline: async (deviceId: string, at: Date) => void (await markOffline(kit, deviceId, at)),
  catalog: async (deviceId: string, items: SipCatalogItem[]) => {
    const mapped: CatalogItem[] = items.map((i) => ({
      DeviceID: i.deviceId, Name: i.name ?? null, Manufacturer: i.manufacturer ?? null, Model: i.model ?? null, CivilCode: i.civilCode ?? null,
      Longitude: i.longitude ?? null, Latitude: i.latitude ?? null, Status: i.status ?? null, ParentID: i.parentId ?? null,
    }));
    await upsertCatalog(kit, deviceId, mapped);
  },
});
