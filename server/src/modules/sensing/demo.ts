/**
 * The demo's device history: the online devices of the demo county report their status through
 * the last hours, each compound gate is tied to a building of its grid and lets its residents in
 * and out (face or card; a visitor it does not know now and then), and the last hours hold a few
 * alarms, filed into the closed loop as they would be live: an SOS at a street light (the grid
 * worker told), fever at two thermal cameras (one on a resident it recognised), smoke, a water
 * leak. Stored through the same store the gateways use.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Kit } from '../../platform/kit/kit.js';
import { rows } from '../../platform/db/client.js';
import type { DeviceEvent } from '../../platform/protocols/mqtt/index.js';
import { fileAlarms } from './alarm-job.js';
import { sensingStore } from './store.js';

const HOUR = 3_600_000;

export async function seedDemoSensing(kit: Kit): Promise<{ events: number; passages: number; alarms: number }> {
  const now = kit.clock.now().getTime();
  const devices = await rows<{ id: string; code: string; kind: string; grid_id: string | null }>(kit.db, sql`select id, code, kind, grid_id from device where status = 'online' order by code`);
  // Each gate serves a building of its grid, whose residents it knows.
  const gates = devices.filter((d) => d.kind === 'access_gate' && d.grid_id);
  const homes = new Map<string, string[]>();
  for (const gate of gates) {
    const [building] = await rows<{ id: string }>(kit.db, sql`select id from building where grid_id = ${gate.grid_id}::uuid and deleted_at is null order by id limit 1`);
    if (!building) continue;
    await kit.db.execute(sql`update device set compound_type = 'building', compound_id = ${building.id}::uuid where id = ${gate.id}::uuid`);
    const residents = await rows<{ id: string }>(kit.db, sql`select id from resident where grid_id = ${gate.grid_id}::uuid and deleted_at is null order by id limit 12`);
    homes.set(gate.code, residents.map((r) => r.id));
  }
  const events: DeviceEvent[] = [];
  const event = (d: { code: string; kind: string }, at: number, type: string, body: Record<string, unknown> = {}) =>
    events.push({ deviceCode: d.code, kind: d.kind, messageId: randomUUID(), at: new Date(at), receivedAt: new Date(at + 300), part: 'event', type, body });
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (const d of devices) {
    for (let h = 12; h >= 1; h--) event(d, now - h * HOUR + random() * HOUR * 0.5, 'status', d.kind === 'street_light' ? { lamp: h > 6 ? 'off' : 'on' } : d.kind.endsWith('sensor') ? { battery: Math.round(60 + random() * 40) } : {});
  }
  let passages = 0;
  for (const gate of gates) {
    const known = homes.get(gate.code) ?? [];
    for (const residentId of known) {
      const out = now - (9 + random() * 2) * HOUR;
      event(gate, out, 'passage', { direction: 'out', method: 'face', residentId });
      if (random() < 0.8) event(gate, out + (7 + random() * 3) * HOUR, 'passage', { direction: 'in', method: random() < 0.7 ? 'face' : 'card', residentId });
      passages += 2;
    }
    event(gate, now - 2 * HOUR, 'passage', { direction: 'in', method: 'qr' });
  }
  const first = (kind: string, n = 0) => devices.filter((d) => d.kind === kind)[n];
  const alarm = (kind: string, n: number, hoursAgo: number, type: string, body: Record<string, unknown> = {}) => {
    const d = first(kind, n);
    if (d) event(d, now - hoursAgo * HOUR, type, body);
  };
  // Two presses in one alarm period (periods are aligned to the clock: 10:00-10:10, ...).
  const sosPeriod = Math.floor((now - 0.5 * HOUR) / 600_000) * 600_000;
  alarm('street_light', 0, (now - sosPeriod - 60_000) / HOUR, 'sos');
  alarm('street_light', 0, (now - sosPeriod - 240_000) / HOUR, 'sos');
  alarm('thermal_camera', 0, 3, 'fever', { temperature: 38.6, ...(homes.size ? { residentId: [...homes.values()][0]![0] } : {}) });
  alarm('thermal_camera', 1, 1.5, 'fever', { temperature: 37.9 });
  alarm('smoke_sensor', 1, 2, 'smoke', { level: 72 });
  alarm('water_sensor', 2, 5, 'water', { depthCm: 4 });
  const store = sensingStore(kit);
  for (let i = 0; i < events.length; i += 2000) await store.append(events.slice(i, i + 2000));
  const alarms = await fileAlarms(kit);
  return { events: events.length, passages, alarms };
}
