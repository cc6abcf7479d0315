/**
 * What /metrics shows of the device gateways of this process: messages stored, devices
 * connected, refusals by reason and the devices refused most (twenty at most, so a flood of
 * made-up ids cannot blow up the series), and from the database the alarms waiting to be filed.
 */
import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db/client.js';
import type { GaugeSource } from '../../platform/observability/gauges.js';
import { gatewaysOf } from './gateways.js';

const TOP = 20;

export const sensingGauges: GaugeSource = async (kit) => {
  const [waiting] = await rows<{ n: number }>(kit.db, sql`select count(*)::int as n from device_alarm where status = 'new'`);
  const families = [{ name: 'gridgov_device_alarms_waiting', help: 'Device alarms not yet filed into a ticket or warning', samples: [{ value: waiting?.n ?? 0 }] }];
  const gateways = gatewaysOf(kit);
  if (!gateways) return families;
  const { stored, connected } = gateways.stats();
  const worst = [...gateways.refusalsByDevice].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  return [
    ...families,
    { name: 'gridgov_device_messages_stored', help: 'Device messages this process stored since it started', samples: [{ value: stored }] },
    ...(connected === null ? [] : [{ name: 'gridgov_mqtt_connected_devices', help: 'Devices connected to this process\'s embedded MQTT broker', samples: [{ value: connected }] }]),
    ...(gateways.log ? [{ name: 'gridgov_device_log_pending', help: 'Device messages in the durable log (JetStream) not yet stored', samples: [{ value: await gateways.log.pending().catch(() => -1) }] }] : []),
    { name: 'gridgov_device_refusals', help: 'Device messages and sign-ins refused since start, by reason', samples: [...gateways.refusals].map(([reason, value]) => ({ labels: { reason }, value })) },
    { name: 'gridgov_device_refusals_top', help: `Refusals since start of the ${TOP} devices refused most (device code, or the sender's address for SIP)`, samples: worst.map(([device, value]) => ({ labels: { device }, value })) },
  ];
};
