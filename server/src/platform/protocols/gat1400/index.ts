/** The GA/T 1400 (视图库) protocol layer: what the device registry and the simulator import. */
export { gat1400Routes, DEFAULT_REALM, VIID_CONTENT_TYPE, type Gat1400Options, type Gat1400Refusal } from './server.js';
export { Gat1400Client, Gat1400ClientError, type Gat1400ClientOptions } from './client.js';
export { DigestServer, MemoryNonceStore, digestAuthorization, digestHa1, type CredentialStore, type DigestSecret, type NonceStore, type NonceVerdict } from './digest.js';
export { MemorySessionStore, type DeviceSession, type SessionStore } from './sessions.js';
export { DbNonceStore, DbSessionStore } from './shared-stores.js';
export { MemoryCaptureSink, type CaptureSink, type ObjectOutcome } from './sink.js';
export { GAT1400_ERRORS, Gat1400Error, VIID_STATUS, codeOfStatusString, type Gat1400ErrorCode } from './status.js';
export * from './ids.js';
export * from './time.js';
export type { ApeObject, FaceObject, MotorVehicleObject, PersonObject, SubImageInfoObject, SubscribeNotificationObject, SubscribeObject } from './schemas.js';
