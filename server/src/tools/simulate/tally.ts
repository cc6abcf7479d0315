/**
 * What the simulator counts, per protocol: devices driven and online now, messages sent, those
 * the server confirmed (`acked`: an MQTT PUBACK, a GA/T 1400 StatusCode 0, a SIP 200), those it
 * turned down (`refused`: an answer on the MQTT `reply` topic, a GA/T 1400 refusal, a SIP 4xx)
 * and those that got no answer (`failed`: timeouts, lost connections); plus the commands answered
 * (MQTT) and the catalog queries answered (GB/T 28181).
 */
export const PROTOCOLS = ['mqtt', 'gat1400', 'gb28181'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export interface ProtocolTally {
  devices: number;
  online: number;
  sent: number;
  acked: number;
  refused: number;
  failed: number;
  /** MQTT: commands confirmed on the `ack` topic. */
  commands: number;
  /** GB/T 28181: Catalog queries answered. */
  catalogs: number;
  /** Alarms raised (fever, SOS, smoke, water, a watch-listed plate). */
  alarms: number;
}

export type Tallies = Record<Protocol, ProtocolTally>;

export const emptyTally = (): ProtocolTally => ({ devices: 0, online: 0, sent: 0, acked: 0, refused: 0, failed: 0, commands: 0, catalogs: 0, alarms: 0 });
export const emptyTallies = (): Tallies => ({ mqtt: emptyTally(), gat1400: emptyTally(), gb28181: emptyTally() });

/** One line: `mqtt 36/36 online, sent 120, acked 120, refused 0 | ...` (protocols without devices left out). */
export function formatTallies(t: Tallies): string {
  const parts = PROTOCOLS.filter((p) => t[p].devices > 0).map((p) => {
    const x = t[p];
    const extra = [x.failed ? `failed ${x.failed}` : '', x.alarms ? `alarms ${x.alarms}` : '', x.commands ? `commands ${x.commands}` : '', x.catalogs ? `catalogs ${x.catalogs}` : ''].filter(Boolean);
    return `${p} ${x.online}/${x.devices} online, sent ${x.sent}, acked ${x.acked}, refused ${x.refused}${extra.length ? `, ${extra.join(', ')}` : ''}`;
  });
  return parts.length ? parts.join(' | ') : 'no devices';
}
