/**
 * The device gateways of a server process: MQTT (the embedded aedes broker, or a bridge to the
 * external broker at `MQTT_URL`) and the GB/T 28181 registrar (SIP over UDP and TCP). GA/T 1400
 * is HTTP and rides on the app (the watch-list module mounts `/VIID`). Started by `main.ts` after
 * the HTTP server listens (never by tools and tests that only need the runtime), each on its own:
 * a port already taken is said plainly and the rest of the platform runs on.
 *
 * Every process behind a load balancer runs the same gateways: with an external broker each
 * process is one member of the shared subscription, and the registrar's state that must outlive
 * a process (online, catalog) is in the device registry.
 */
import { type Kit } from '../../platform/kit/kit.js';
import { BrokerBridge, EmbeddedBroker, IngestPipeline, JetStreamLog, type BrokerRefusal, type DeviceIdentity, type RefusalReason } from '../../platform/protocols/mqtt/index.js';
import { Registrar, type RegistrarRefusal } from '../../platform/protocols/gb28181/index.js';
import { deviceKindOf, digestCredentials, gb28181Sink, mqttAuthenticator } from '../devices/index.js';
import { DEVICE_PAYLOADS } from './payloads.js';
import { sensingStore } from './store.js';

/** How a command reaches a device: published on its `command` topic (QoS 1). */
export interface CommandLink {
  command(device: DeviceIdentity, body: Record<string, unknown>): Promise<void>;
}

export interface Gateways {
  mqtt: { port: number | null; url: string | null } | null;
  sip: { udpPort: number; tcpPort: number; id: string } | null;
  /** Refusals since start, by reason (wrong credentials, bad payloads, replays, floods...), and by device. */
  refusals: Map<string, number>;
  refusalsByDevice: Map<string, number>;
  problems: string[];
  /** Messages stored (or handed to the log) since start, and devices connected to the embedded broker now. */
  stats(): { stored: number; connected: number | null };
  /** The durable log between ingest and storage, when `GRIDGOV_NATS_URL` names one. */
  log: JetStreamLog | null;
  close(): Promise<void>;
}

/** By the process's database handle: the kit the channels get at start is a copy of the runtime's. */
const running = new WeakMap<object, { link: CommandLink | null; gateways: Gateways }>();

/** The command link of this process's MQTT gateway, or null when it runs none. */
export const commandLink = (kit: Kit): CommandLink | null => running.get(kit.db)?.link ?? null;
/** The gateways of this process, if started. */
export const gatewaysOf = (kit: Kit): Gateways | null => running.get(kit.db)?.gateways ?? null;

export async function startGateways(kit: Kit): Promise<Gateways> {
  const { config, clock } = kit;
  const refusals = new Map<string, number>();
  const refusalsByDevice = new Map<string, number>();
  const count = (code: string, reason: RefusalReason | BrokerRefusal | RegistrarRefusal) => {
    refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
    // Bounded: a flood of made-up client ids must not grow the map without end.
    if (refusalsByDevice.has(code) || refusalsByDevice.size < 100_000) refusalsByDevice.set(code, (refusalsByDevice.get(code) ?? 0) + 1);
  };
  const problems: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  let link: CommandLink | null = null;
  let broker: EmbeddedBroker | null = null;
  let mqtt: Gateways['mqtt'] = null;
  let sip: Gateways['sip'] = null;

  // Past one machine, the gateways hand messages to the durable log and every process stores from it; else straight to the database.
  let log: JetStreamLog | null = null;
  if (config.natsUrl) {
    try {
      log = await JetStreamLog.start({ url: config.natsUrl });
      log.consume(sensingStore(kit), { onError: (error) => console.error(`device log: a batch was not stored and will be delivered again (${(error as Error).message})`) });
    } catch (error) {
      problems.push(`NATS: cannot reach JetStream at ${config.natsUrl} (${(error as Error).message}); devices' messages go straight to the database`);
    }
  }
  const pipeline = new IngestPipeline({ store: log ? log.store() : sensingStore(kit), schemas: DEVICE_PAYLOADS, now: () => clock.now(), onRefusal: (code, refusal) => count(code, refusal.reason) });
  if (config.mqttUrl) {
    try {
      const bridge = await BrokerBridge.start({ url: config.mqttUrl, pipeline, kindOf: knownKind(kit) });
      closers.push(() => bridge.close());
      link = bridge;
      mqtt = { port: null, url: config.mqttUrl };
    } catch (error) {
      problems.push(`MQTT: cannot reach the broker at ${config.mqttUrl} (${(error as Error).message})`);
    }
  } else if (config.mqttPort !== null) {
    try {
      const started = await EmbeddedBroker.start({ host: config.host, port: config.mqttPort, pipeline, authenticator: mqttAuthenticator(kit), onRefusal: count });
      closers.push(() => started.close());
      link = broker = started;
      mqtt = { port: started.port, url: null };
    } catch (error) {
      problems.push(`MQTT: port ${config.mqttPort} is taken (${(error as Error).message}); set GRIDGOV_MQTT_PORT, or MQTT_URL for an external broker`);
    }
  }
  if (config.sipPort !== null) {
    const registrar = new Registrar({
      serverId: config.sipId, host: config.host, udpPort: config.sipPort, tcpPort: config.sipPort, clock,
      sink: gb28181Sink(kit), credentials: digestCredentials(kit), onRefusal: (source, reason) => count(`${source.address}`, reason),
    });
    try {
      await registrar.start();
      closers.push(() => registrar.close());
      sip = { udpPort: registrar.transport.udpPort, tcpPort: registrar.transport.tcpPort, id: config.sipId };
    } catch (error) {
      await registrar.close().catch(() => undefined);
      problems.push(`GB/T 28181: SIP port ${config.sipPort} is taken (${(error as Error).message}); set GRIDGOV_SIP_PORT`);
    }
  }
  const gateways: Gateways = {
    mqtt, sip, refusals, refusalsByDevice, problems,
    stats: () => ({ stored: pipeline.stored, connected: broker?.connectedClients ?? null }),
    log,
    async close() {
      running.delete(kit.db);
      // The device side first (no new messages), then what is in flight, then the log.
      for (const close of closers.reverse()) await close();
      await pipeline.drained();
      await log?.close();
    },
  };
  running.set(kit.db, { link, gateways });
  return gateways;
}

/** The registered kind of a device code (the bridge checks the topic's kind against it), cached a minute. */
function knownKind(kit: Kit): (code: string) => Promise<string | null> {
  const cache = new Map<string, { kind: string | null; at: number }>();
  return async (code) => {
    const now = Date.now();
    const hit = cache.get(code);
    if (hit && now - hit.at < 60_000) return hit.kind;
    const kind = await deviceKindOf(kit, code);
    if (cache.size > 100_000) cache.clear();
    cache.set(code, { kind, at: now });
    return kind;
  };
}
