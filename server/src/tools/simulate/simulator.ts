/**
 * The device simulator: signs in to a running GridGov server, lists the devices of the operator's
 * scope, issues each one it drives a new secret, and plays them over their own protocols (MQTT,
 * GA/T 1400, GB/T 28181) at a steady rate with an alarm now and then, until its time is up or it
 * is stopped; then it leaves cleanly (MQTT disconnect, VIID UnRegister, SIP unREGISTER) and
 * answers what it counted. `npm run devices:simulate` runs it from the command line (main.ts);
 * tests call `runSimulator` directly.
 */
import { SimulatorError, GridGovApi } from './api.js';
import type { DeviceContext } from './context.js';
import { catalogOf, type ListedDevice } from './messages.js';
import { MqttDevice } from './mqtt-device.js';
import { DEFAULTS, type SimulatorOptions } from './options.js';
import { SipDeviceDriver } from './sip-device.js';
import { PROTOCOLS, emptyTallies, formatTallies, type Protocol, type Tallies } from './tally.js';
import { ViidDevice } from './viid-device.js';

export interface SimulatorResult {
  tallies: Tallies;
  /** The devices driven (each with a new secret). */
  driven: Pick<ListedDevice, 'id' | 'code' | 'kind' | 'protocol'>[];
  /** Devices of the chosen kinds it could not drive, and why. */
  skipped: { code: string; reason: string }[];
  /** The registrar's SIP ID the GB/T 28181 devices used. */
  sipId: string;
  /** From all devices up to the end of the run (sign-in, secrets and start-up not counted). */
  seconds: number;
}

const isNationalId = (code: string) => /^\d{20}$/.test(code);

/**
 * Which devices to drive: of the chosen kinds, not disabled, video devices with a 20-digit
 * national ID (GA/T 1400 and GB/T 28181 know no other); at most `limit`, taken in turn from each
 * protocol, and within one from each kind, so that a small run still speaks all three and has
 * every kind.
 */
export function chooseDevices(all: readonly ListedDevice[], options: Pick<SimulatorOptions, 'kinds' | 'limit'>): { driven: ListedDevice[]; skipped: { code: string; reason: string }[]; leftOut: number } {
  const skipped: { code: string; reason: string }[] = [];
  const byProtocol = new Map<Protocol, ListedDevice[]>(PROTOCOLS.map((p) => [p, []]));
  for (const d of [...all].sort((a, b) => a.code.localeCompare(b.code))) {
    if (options.kinds && !options.kinds.includes(d.kind)) continue;
    if (!(PROTOCOLS as readonly string[]).includes(d.protocol)) skipped.push({ code: d.code, reason: `protocol ${d.protocol} is not simulated` });
    else if (d.status === 'disabled') skipped.push({ code: d.code, reason: 'disabled' });
    else if (d.protocol !== 'mqtt' && !isNationalId(d.code)) skipped.push({ code: d.code, reason: `${d.protocol === 'gat1400' ? 'GA/T 1400' : 'GB/T 28181'} needs a 20-digit national ID` });
    else byProtocol.get(d.protocol as Protocol)!.push(d);
  }
  // Within a protocol, one kind after another too: a small run still has a light, a sensor, a camera and an NVR.
  for (const [p, list] of byProtocol) byProtocol.set(p, interleave(list, (d) => d.kind));
  const driven: ListedDevice[] = [];
  const total = [...byProtocol.values()].reduce((n, list) => n + list.length, 0);
  const limit = options.limit ?? total;
  for (let i = 0; driven.length < Math.min(limit, total); i++) {
    for (const p of PROTOCOLS) {
      const d = byProtocol.get(p)![i];
      if (d && driven.length < limit) driven.push(d);
    }
  }
  return { driven, skipped, leftOut: total - driven.length };
}

/** The items grouped by `key`, then taken one from each group in turn. */
export function interleave<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T[]>();
  for (const item of items) byKey.set(key(item), [...(byKey.get(key(item)) ?? []), item]);
  const groups = [...byKey.values()];
  const out: T[] = [];
  for (let i = 0; out.length < items.length; i++) for (const g of groups) if (g[i] !== undefined) out.push(g[i]!);
  return out;
}

/** Runs `fn` over the items, at most `limit` at a time. */
async function eachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

type Driver = { protocol: 'mqtt'; d: MqttDevice } | { protocol: 'gat1400'; d: ViidDevice } | { protocol: 'gb28181'; d: SipDeviceDriver };

/** Notices per protocol printed before the simulator goes quiet about them (the tally still counts). */
const NOTICES_SHOWN = 5;

/** Drives the devices until `durationS` has passed or `signal` aborts; answers the tallies. */
export async function runSimulator(input: Partial<SimulatorOptions> = {}): Promise<SimulatorResult> {
  const options: SimulatorOptions = { ...DEFAULTS, ...input, sip: { ...DEFAULTS.sip, ...input.sip } };
  const log = options.log ?? ((line: string) => console.log(line));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  let started = Date.now();
  const tallies = emptyTallies();
  const stopped = () => options.signal?.aborted ?? false;

  const api = new GridGovApi(options.url);
  await api.login(options.user, options.password, options.totp);
  const listed = await api.listDevices();
  const { driven, skipped, leftOut } = chooseDevices(listed, options);
  const sipId = options.sip.id;
  const counts = PROTOCOLS.map((p) => `${driven.filter((d) => d.protocol === p).length} ${p}`).join(', ');
  log(`Signed in as ${options.user}; ${listed.length} devices in scope. Driving ${driven.length} (${counts})${leftOut ? `, ${leftOut} more left out by --limit` : ''}.`);
  if (skipped.length) log(`Not driven: ${skipped.slice(0, 5).map((s) => `${s.code} (${s.reason})`).join(', ')}${skipped.length > 5 ? ` and ${skipped.length - 5} more` : ''}.`);
  if (driven.length === 0) throw new SimulatorError(`no device to drive in ${options.user}'s scope${options.kinds ? ` of kind ${options.kinds.join(', ')}` : ''}`);
  log(`Issuing each a new secret: the simulator takes these devices over (a real device with the same code is locked out until given a new secret).`);

  const secrets = new Map<string, string>();
  await eachLimit(driven, 8, async (d) => {
    if (!stopped()) secrets.set(d.id, await api.rotateSecret(d.id));
  });

  const notices = new Map<Protocol, number>();
  const contextOf = (protocol: Protocol): DeviceContext => ({
    tally: tallies[protocol],
    random,
    now,
    notice(text) {
      const n = (notices.get(protocol) ?? 0) + 1;
      notices.set(protocol, n);
      if (n <= NOTICES_SHOWN) log(`  ${protocol}: ${text}`);
      if (n === NOTICES_SHOWN) log(`  ${protocol}: (further notices are only counted)`);
    },
  });
  const drivenIds = new Set(driven.filter((d) => secrets.has(d.id)).map((d) => d.id));
  const drivers: Driver[] = driven.filter((d) => secrets.has(d.id)).map((device): Driver => {
    const secret = secrets.get(device.id)!;
    const protocol = device.protocol as Protocol;
    tallies[protocol].devices++;
    if (protocol === 'mqtt') return { protocol, d: new MqttDevice({ brokerUrl: options.mqttUrl, device, secret, plainPassword: options.plainPassword }, contextOf(protocol)) };
    if (protocol === 'gat1400') return { protocol, d: new ViidDevice({ baseUrl: options.viidUrl ?? options.url, device, secret }, contextOf(protocol)) };
    return {
      protocol,
      d: new SipDeviceDriver({ server: { host: options.sip.host, port: options.sip.port, id: sipId }, transport: options.sip.transport, localHost: options.sip.localHost, device, secret, channels: catalogOf(device, listed, drivenIds) }, contextOf(protocol)),
    };
  });

  const timers = new Set<NodeJS.Timeout>();
  const inflight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    const p = work.catch(() => undefined).finally(() => inflight.delete(p));
    inflight.add(p);
  };
  const every = (ms: number, fn: () => void, stagger: boolean) => {
    const start = setTimeout(() => {
      timers.delete(start);
      if (stagger) fn();
      timers.add(setInterval(fn, ms));
    }, stagger ? random() * ms : 0);
    timers.add(start);
  };
  const syncSip = () => drivers.forEach((x) => x.protocol === 'gb28181' && x.d.sync());

  const up: Driver[] = [];
  try {
    await eachLimit(drivers, 16, async (x) => {
      if (stopped()) return;
      if (await x.d.start()) up.push(x);
    });
    for (const p of PROTOCOLS) {
      if (tallies[p].devices > 0 && !up.some((x) => x.protocol === p)) log(`  ${p}: none of its ${tallies[p].devices} devices came online: ${whereToLook(p, options, sipId)}`);
    }
    if (up.length === 0 && !stopped()) throw new SimulatorError('no device came online on any protocol');
    started = Date.now();
    log(`${up.length} of ${drivers.length} devices online${tallies.gb28181.devices ? ` (SIP registrar ${options.sip.host}:${options.sip.port}, ID ${sipId})` : ''}; ${options.rate} events/s${options.alarmEveryS ? `, an alarm every ${options.alarmEveryS} s` : ''}${options.durationS !== null ? ` for ${options.durationS} s` : ' until Ctrl-C'}.`);

    // Routine events: a budget of `rate` a second, spent every 100 ms on a random device.
    const talkers = drivers.filter((x) => x.protocol !== 'gb28181');
    let budget = 0;
    if (talkers.length && options.rate > 0) {
      every(100, () => {
        budget += options.rate / 10;
        for (; budget >= 1; budget--) {
          const x = talkers[Math.floor(random() * talkers.length)]!;
          track(x.protocol === 'mqtt' ? x.d.routine() : x.protocol === 'gat1400' ? x.d.capture() : Promise.resolve());
        }
      }, false);
    }
    // Alarms, taking the alarming devices in turn, one kind after another (SOS, smoke, water, fever, the plate), skipping those not connected.
    const alarmers = interleave(drivers.filter((x) => (x.protocol === 'mqtt' && x.d.canAlarm) || (x.protocol === 'gat1400' && options.plate && x.d.capturesVehicles)), (x) => (x.protocol === 'mqtt' ? x.d.device.kind : 'plate'));
    let turn = 0;
    if (alarmers.length && options.alarmEveryS > 0) {
      every(options.alarmEveryS * 1000, () => {
        for (let tries = 0; tries < alarmers.length; tries++) {
          const x = alarmers[turn++ % alarmers.length]!;
          if (!x.d.ready) continue;
          const name = `${x.d.device.code} (${x.d.device.name})`;
          if (x.protocol === 'mqtt') {
            log(`  alarm: ${x.d.device.kind} at ${name}`);
            track(x.d.alarm());
          } else if (x.protocol === 'gat1400') {
            log(`  alarm: watch-listed plate ${options.plate} at ${name}`);
            track(x.d.alarm(options.plate!));
          }
          return;
        }
      }, false);
    }
    for (const x of drivers) {
      if (x.protocol === 'mqtt') every(options.statusEveryS * 1000, () => track(x.d.status()), true);
      else every(options.keepaliveEveryS * 1000, () => track(x.d.keepalive()), true);
    }
    if (options.tallyEveryS > 0) {
      every(options.tallyEveryS * 1000, () => {
        syncSip();
        log(`[${String(Math.round((Date.now() - started) / 1000)).padStart(5)} s] ${formatTallies(tallies)}`);
      }, false);
    }

    await new Promise<void>((resolve) => {
      if (stopped()) return resolve();
      options.signal?.addEventListener('abort', () => resolve(), { once: true });
      if (options.durationS !== null) timers.add(setTimeout(resolve, options.durationS * 1000));
    });
  } finally {
    for (const t of timers) clearTimeout(t);
    timers.clear();
    await Promise.race([Promise.all([...inflight]), new Promise((resolve) => setTimeout(resolve, 5000))]);
    await eachLimit(drivers, 16, (x) => x.d.stop().catch(() => undefined));
    syncSip();
  }
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  log(`Stopped after ${seconds} s of driving; every driven device left (MQTT disconnect, VIID UnRegister, SIP unREGISTER).`);
  for (const p of PROTOCOLS) if (tallies[p].devices) log(`  ${formatTallies({ ...emptyTallies(), [p]: tallies[p] })}`);
  return { tallies, driven: driven.filter((d) => secrets.has(d.id)).map(({ id, code, kind, protocol }) => ({ id, code, kind, protocol })), skipped, sipId, seconds };
}

function whereToLook(p: Protocol, options: SimulatorOptions, sipId: string): string {
  if (p === 'mqtt') return `is the broker at ${options.mqttUrl}? (--mqtt; the server's GRIDGOV_MQTT_PORT)`;
  if (p === 'gat1400') return `does ${options.viidUrl ?? options.url}/VIID/ answer? (--viid)`;
  return `is the registrar at ${options.sip.host}:${options.sip.port} (${options.sip.transport}) with ID ${sipId}? (--sip, --sip-id; the server's GRIDGOV_SIP_PORT)`;
}
