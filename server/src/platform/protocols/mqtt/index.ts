/** MQTT for devices: the embedded broker, the bridge to an external one, the ingest pipeline and the topics. */
export { EmbeddedBroker, type BrokerRefusal, type DeviceAuthenticator, type DeviceIdentity, type EmbeddedBrokerOptions } from './broker.js';
export { BrokerBridge, type BridgeOptions } from './bridge.js';
export { IngestPipeline, type DeviceEvent, type Envelope, type EventStore, type IngestOptions, type Refusal, type RefusalReason } from './ingest.js';
export { PLATFORM_SUBSCRIPTIONS, TOPIC_ROOT, deviceTopic, parseDeviceTopic, type DeviceTopic, type DeviceTopicPart } from './topics.js';
export { JetStreamLog, type JetStreamLogOptions } from './jetstream.js';
