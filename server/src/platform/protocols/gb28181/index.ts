/**
 * GB/T 28181 camera registry protocol layer: what the device-registry module and the device
 * simulator import. The registrar speaks SIP to devices; the platform sees only the sink calls.
 */
export { Registrar, gbDate, type CredentialStore, type DeviceContact, type DeviceRegistrySink, type OfflineReason, type RegistrarOptions, type RegistrarRefusal } from './registrar.js';
export { SipDeviceClient, type DeviceClientOptions } from './client.js';
export { MemoryDeviceRegistry, type RegistryEvent } from './memory-registry.js';
export { deviceIdType, isCivilCode, isDeviceId, type CatalogChannel, type CatalogItem, type DeviceIdCategory, type DeviceIdInfo } from './manscdp.js';
export type { SipPeer } from './transport.js';
export type { SipTransportName } from './sip-message.js';
