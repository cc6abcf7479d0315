/** The simulator's settings: what `runSimulator` takes, and how the command line sets them. */
import { parseArgs } from 'node:util';
import { DEVICE_KINDS, type DeviceKind } from '@gridgov/contracts';
import { loadConfig } from '../../platform/config.js';
import type { SipTransportName } from '../../platform/protocols/gb28181/index.js';
import type { Random } from './messages.js';

export interface SimulatorOptions {
  /** The GridGov server's origin (its API, and GA/T 1400 under /VIID/). */
  url: string;
  /** An operator in whose scope the devices are (`device:read`, `device:manage`). */
  user: string;
  password: string;
  totp?: string;
  /** The MQTT broker the server listens with (GRIDGOV_MQTT_PORT). */
  mqttUrl: string;
  /** Where GA/T 1400 is served, when not at `url`. */
  viidUrl?: string;
  /** The GB/T 28181 registrar (GRIDGOV_SIP_PORT) and its 20-digit SIP ID (GRIDGOV_SIP_ID). */
  sip: { host: string; port: number; transport: SipTransportName; id: string; localHost: string };
  /** Everyday events a second, over all devices. */
  rate: number;
  /** Seconds to run; null runs until stopped. */
  durationS: number | null;
  /** One alarm (fever, SOS, smoke, water, the watch-listed plate) every this many seconds; 0 for none. */
  alarmEveryS: number;
  /** A watch-listed plate a checkpoint reports as an alarm. */
  plate: string | null;
  /** Drive at most this many devices (taken in turn from each protocol). */
  limit: number | null;
  /** Drive only these kinds. */
  kinds: DeviceKind[] | null;
  /** Every MQTT device reports its status this often (seconds). */
  statusEveryS: number;
  /** GA/T 1400 and GB/T 28181 keepalives this often (seconds). */
  keepaliveEveryS: number;
  /** The one-line tally this often (seconds); 0 for none. */
  tallyEveryS: number;
  /** MQTT sign-in with the plain secret instead of the time-bound password. */
  plainPassword: boolean;
  /** Stops the run (Ctrl-C). */
  signal?: AbortSignal;
  log?: (line: string) => void;
  random?: Random;
  /** The time devices put in their messages (ms); Date.now by default. */
  now?: () => number;
}

/** The server settings the defaults follow (read from this shell, as the server on this machine would). */
const SERVER_ENV = ['GRIDGOV_HOST', 'GRIDGOV_PORT', 'PORT', 'GRIDGOV_MQTT_PORT', 'GRIDGOV_SIP_PORT', 'GRIDGOV_SIP_ID'] as const;

/**
 * The defaults: the local server as it starts with `env` (its host, HTTP port, MQTT and SIP ports
 * and SIP ID; a port set to 0 or off falls back to the standard one), the demo operator, 5 events/s.
 */
export function defaultsFrom(env: NodeJS.ProcessEnv): SimulatorOptions {
  const config = loadConfig(Object.fromEntries(SERVER_ENV.filter((k) => env[k] !== undefined).map((k) => [k, env[k]])));
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const inUrl = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${inUrl}:${config.port}`,
    user: 'county_op',
    password: 'Gridgov@2026',
    mqttUrl: `mqtt://${inUrl}:${config.mqttPort || 1883}`,
    sip: { host, port: config.sipPort || 5060, transport: 'udp', id: config.sipId, localHost: '127.0.0.1' },
    rate: 5,
    durationS: null,
    alarmEveryS: 60,
    plate: null,
    limit: null,
    kinds: null,
    statusEveryS: 60,
    keepaliveEveryS: 60,
    tallyEveryS: 10,
    plainPassword: false,
  };
}

/** The defaults of a server started with nothing set (`runSimulator` fills what its caller leaves out from these). */
export const DEFAULTS: SimulatorOptions = defaultsFrom({});

export const USAGE = `usage: npm run devices:simulate -- [options]
Drives the devices of a running GridGov server over MQTT, GA/T 1400 and GB/T 28181.
Defaults follow the server's settings in this shell (GRIDGOV_HOST, GRIDGOV_PORT, GRIDGOV_MQTT_PORT, GRIDGOV_SIP_PORT, GRIDGOV_SIP_ID).
It issues each driven device a NEW secret (rotating it): real devices with the same code are locked out.
  --url URL            the server (default ${DEFAULTS.url}, or GRIDGOV_HOST/GRIDGOV_PORT); GA/T 1400 goes to URL/VIID/
  --user NAME          an operator whose scope holds the devices (default ${DEFAULTS.user})
  --password P         (default the demo password)   --totp CODE  when the account needs one
  --mqtt URL           the MQTT broker (default ${DEFAULTS.mqttUrl}, or GRIDGOV_MQTT_PORT)
  --sip HOST:PORT      the GB/T 28181 registrar (default ${DEFAULTS.sip.host}:${DEFAULTS.sip.port}, or GRIDGOV_SIP_PORT)
  --sip-id ID          the registrar's 20-digit SIP ID (default ${DEFAULTS.sip.id}, or GRIDGOV_SIP_ID)
  --sip-transport T    udp (default) or tcp
  --local-ip IP        the address SIP devices bind and announce (default 127.0.0.1)
  --viid URL           GA/T 1400 elsewhere than --url
  --kind K[,K...]      only these kinds (${DEVICE_KINDS.join(', ')})
  --limit N            at most N devices, taken in turn from each protocol and kind
  --rate R             everyday events per second over all devices (default ${DEFAULTS.rate})
  --alarm-every S      one alarm every S seconds: fever, SOS, smoke, water, --plate (default ${DEFAULTS.alarmEveryS}; 0 none)
  --plate PLATE        a watch-listed plate a vehicle checkpoint reports at alarm time
  --duration S         stop after S seconds (default: until Ctrl-C)
  --status-every S     MQTT status reports (default ${DEFAULTS.statusEveryS})
  --keepalive-every S  GA/T 1400 and GB/T 28181 keepalives (default ${DEFAULTS.keepaliveEveryS})
  --plain-password     MQTT sign-in with username = code and the secret itself
A one-line tally every 10 s, a summary at the end; exit code 1 when the server cannot be reached or refuses the sign-in.`;

/** The options of a command line, or why they are wrong (null options with `help` for --help). */
export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv = process.env): { options: SimulatorOptions; help: boolean } | { error: string } {
  let defaults: SimulatorOptions;
  try {
    defaults = defaultsFrom(env);
  } catch (error) {
    return { error: `the server settings in this shell: ${(error as Error).message}` };
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        totp: { type: 'string' },
        mqtt: { type: 'string' },
        sip: { type: 'string' },
        'sip-id': { type: 'string' },
        'sip-transport': { type: 'string' },
        'local-ip': { type: 'string' },
        viid: { type: 'string' },
        kind: { type: 'string', multiple: true },
        limit: { type: 'string' },
        rate: { type: 'string' },
        'alarm-every': { type: 'string' },
        plate: { type: 'string' },
        duration: { type: 'string' },
        'status-every': { type: 'string' },
        'keepalive-every': { type: 'string' },
        'plain-password': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  const number = (name: string, value: string | undefined, min: number, integer = false): number | undefined | string => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) return `--${name} must be ${integer ? 'an integer' : 'a number'} of at least ${min}, not "${value}"`;
    return n;
  };
  const numbers = {
    limit: number('limit', values.limit, 1, true),
    rate: number('rate', values.rate, 0),
    alarmEvery: number('alarm-every', values['alarm-every'], 0),
    duration: number('duration', values.duration, 0),
    statusEvery: number('status-every', values['status-every'], 1),
    keepaliveEvery: number('keepalive-every', values['keepalive-every'], 1),
  };
  for (const v of Object.values(numbers)) if (typeof v === 'string') return { error: v };
  const n = numbers as Record<keyof typeof numbers, number | undefined>;
  const kinds = values.kind?.flatMap((k) => k.split(',')).map((k) => k.trim()).filter(Boolean);
  const unknown = kinds?.find((k) => !(DEVICE_KINDS as readonly string[]).includes(k));
  if (unknown) return { error: `--kind ${unknown} is not a device kind (${DEVICE_KINDS.join(', ')})` };
  let sip = defaults.sip;
  if (values.sip !== undefined) {
    const m = /^(.+):(\d{1,5})$/.exec(values.sip);
    if (!m) return { error: `--sip must be HOST:PORT, not "${values.sip}"` };
    sip = { ...sip, host: m[1]!, port: Number(m[2]) };
  }
  if (values['sip-id'] !== undefined && !/^\d{20}$/.test(values['sip-id'])) return { error: `--sip-id must be a 20-digit GB/T 28181 ID, not "${values['sip-id']}"` };
  const transport = values['sip-transport'] ?? 'udp';
  if (transport !== 'udp' && transport !== 'tcp') return { error: `--sip-transport must be udp or tcp, not "${transport}"` };
  for (const [flag, value] of [['url', values.url], ['viid', values.viid], ['mqtt', values.mqtt]] as const) {
    if (value !== undefined && !URL.canParse(value)) return { error: `--${flag} must be a URL, not "${value}"` };
  }
  return {
    help: values.help ?? false,
    options: {
      ...defaults,
      url: values.url ?? defaults.url,
      user: values.user ?? defaults.user,
      password: values.password ?? defaults.password,
      ...(values.totp ? { totp: values.totp } : {}),
      mqttUrl: values.mqtt ?? defaults.mqttUrl,
      ...(values.viid ? { viidUrl: values.viid } : {}),
      sip: { ...sip, transport, id: values['sip-id'] ?? sip.id, localHost: values['local-ip'] ?? sip.localHost },
      rate: n.rate ?? defaults.rate,
      durationS: n.duration ?? null,
      alarmEveryS: n.alarmEvery ?? defaults.alarmEveryS,
      plate: values.plate?.trim() || null,
      limit: n.limit ?? null,
      kinds: kinds?.length ? (kinds as DeviceKind[]) : null,
      statusEveryS: n.statusEvery ?? defaults.statusEveryS,
      keepaliveEveryS: n.keepaliveEvery ?? defaults.keepaliveEveryS,
      plainPassword: values['plain-password'] ?? false,
    },
  };
}
