/**
 * The MQTT topics of GridGov devices. A device publishes its events on
 * `gridgov/<kind>/<code>/event` and its answers to commands on `gridgov/<kind>/<code>/ack`, and
 * subscribes to `gridgov/<kind>/<code>/command`; the platform tells a device why a message was
 * refused on `gridgov/<kind>/<code>/reply`. One topic tree per device type lets a clustered
 * broker route and limit by type, and a device can only touch its own branch.
 */
export const TOPIC_ROOT = 'gridgov';

export type DeviceTopicPart = 'event' | 'ack' | 'command' | 'reply';

export interface DeviceTopic {
  kind: string;
  code: string;
  part: DeviceTopicPart;
}

const PARTS = new Set<DeviceTopicPart>(['event', 'ack', 'command', 'reply']);
/** A kind or a device code: the registry's vendor ids (`A-Za-z0-9._:-`) and 20-digit national ids. */
const SEGMENT = /^[A-Za-z0-9._:-]{1,64}$/;

export const deviceTopic = (kind: string, code: string, part: DeviceTopicPart) => `${TOPIC_ROOT}/${kind}/${code}/${part}`;

/** The device topic a name stands for, or null (wrong root, wildcard, odd segment). */
export function parseDeviceTopic(topic: string): DeviceTopic | null {
  const parts = topic.split('/');
  if (parts.length !== 4 || parts[0] !== TOPIC_ROOT) return null;
  const [, kind, code, part] = parts as [string, string, string, string];
  if (!SEGMENT.test(kind) || !SEGMENT.test(code) || !PARTS.has(part as DeviceTopicPart)) return null;
  return { kind, code, part: part as DeviceTopicPart };
}

/** What the platform subscribes to on an external broker: every device's events and acks, shared among the platform's processes. */
export const PLATFORM_SUBSCRIPTIONS = [`$share/gridgov/${TOPIC_ROOT}/+/+/event`, `$share/gridgov/${TOPIC_ROOT}/+/+/ack`];
