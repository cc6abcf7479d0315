/**
 * The registry behind the protocol layers' interfaces (platform/protocols: the MQTT broker's
 * `DeviceAuthenticator`, the GB/T 28181 registrar's `CredentialStore` and `DeviceRegistrySink`),
 * typed structurally so the module does not depend on a layer's internals. The runtime wires them
 * when it starts a layer.
 */
import type { Kit } from '../../platform/kit/kit.js';
import { authenticateDevice, digestPassword } from './credentials.js';
import { markOffline, markSeen, upsertCatalog, type CatalogItem } from './health.js';

type RegistryKit = Pick<Kit, 'db' | 'vault' | 'clock' | 'registry'>;

/** MQTT: `authenticate(clientId, username, password)` → the device's code and kind, or null. */
export const mqttAuthenticator = (kit: RegistryKit) => ({
  authenticate: (clientId: string, username: string, password: string) => authenticateDevice(kit, clientId, username, password, kit.clock.now()),
});

/** GB/T 28181 and GA/T 1400 Digest: the device's password, or null for a device the platform does not know. */
export const digestCredentials = (kit: RegistryKit) => ({ passwordFor: (deviceId: string) => digestPassword(kit, deviceId) });

/** One GB/T 28181 catalog item as the SIP layer decodes it (camelCase fields). */
export interface SipCatalogItem {
  deviceId: string;
  name?: string;
  manufacturer?: string;
  model?: string;
  civilCode?: string;
  parentId?: string;
  status?: string;
  longitude?: number;
  latitude?: number;
}

/** GB/T 28181 registrar sink: registrations and heartbeats are signs of life; expiry is an outage; catalogs land under their sender. */
export const gb28181Sink = (kit: RegistryKit) => ({
  registered: async (deviceId: string) => void (await markSeen(kit, deviceId, kit.clock.now())),
  online: async (deviceId: string, at: Date) => void (await markSeen(kit, deviceId, at)),
  offline: async (deviceId: string, at: Date) => void (await markOffline(kit, deviceId, at)),
  catalog: async (deviceId: string, items: readonly SipCatalogItem[]) => {
    const mapped: CatalogItem[] = items.map((i) => ({
      DeviceID: i.deviceId, Name: i.name ?? null, Manufacturer: i.manufacturer ?? null, Model: i.model ?? null, CivilCode: i.civilCode ?? null,
      Longitude: i.longitude ?? null, Latitude: i.latitude ?? null, Status: i.status ?? null, ParentID: i.parentId ?? null,
    }));
    await upsertCatalog(kit, deviceId, mapped);
  },
});
