/**
 * The demo county's devices: a county video platform, an NVR per community, and in each of the
 * first grids two cameras under their NVR, an access gate, a thermal camera, a smart street light,
 * a smoke and a water sensor (a vehicle checkpoint in every third grid), each at a point inside
 * its grid. Most are online (seen just now), every fifth is offline (silent for two hours, its
 * outage already told), a few have never been seen. The cameras stand a few metres inside a
 * corner of their grid (a crossing: the demo streets run along the grids' edges) and look down
 * one of its streets (60-120 m, 50-90°); the checkpoint watches a road, every other grid's street
 * light has a camera on it; the thermal camera looks at the entrance inside. So the coverage
 * view shows stretches of street covered near the crossings and blind spots between them.
 */
import { DEFAULT_SILENCE_SECONDS, type DeviceKind, type DeviceProtocol } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import { interiorPoint, pointInPolygon } from '../../platform/geo/polygon.js';
import { device } from './tables.js';

export interface DemoDeviceGrid {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  boundary: { type: 'Polygon'; coordinates: number[][][] };
}

interface View {
  heading: number;
  fovDeg: number;
  rangeM: number;
}

const M_PER_DEG_LAT = 110_574;

/**
 * A spot a few metres inside the grid from its ring's vertex `k` (or the middle of the edge after it),
 * and the heading (degrees clockwise from north) down that edge: a camera at a crossing looking along
 * the street. Null when the spot would not lie inside the grid.
 */
function streetView(coordinates: number[][][], k: number, middle = false): { point: [number, number]; heading: number } | null {
  const ring = coordinates[0] ?? [];
  const n = ring.length - 1;
  if (n < 3) return null;
  const a = ring[k % n]!;
  const b = ring[(k + 1) % n]!;
  const [cx, cy] = interiorPoint(coordinates);
  const kx = 111_320 * Math.cos((a[1]! * Math.PI) / 180);
  const from: [number, number] = middle ? [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2] : [a[0]!, a[1]!];
  // Four metres toward the middle of the grid.
  const toward = [(cx - from[0]) * kx, (cy - from[1]) * M_PER_DEG_LAT];
  const length = Math.hypot(toward[0]!, toward[1]!);
  if (length < 10) return null;
  const point: [number, number] = [from[0] + ((toward[0]! / length) * 4) / kx, from[1] + ((toward[1]! / length) * 4) / M_PER_DEG_LAT];
  if (!pointInPolygon(point[0], point[1], coordinates)) return null;
  const heading = (Math.atan2((b[0]! - a[0]!) * kx, (b[1]! - a[1]!) * M_PER_DEG_LAT) * 180) / Math.PI;
  return { point, heading: Math.round(((heading % 360) + 360) % 360) };
}

const national = (regionCode: string, type: string, serial: number) => `${regionCode.slice(0, 8)}00${type}0${String(serial).padStart(6, '0')}`;

export async function seedDemoDevices(kit: Pick<Kit, 'db' | 'clock'>, countyCode: string, grids: readonly DemoDeviceGrid[], maxGrids = 12): Promise<{ devices: number; offline: number; ids: string[] }> {
  const now = kit.clock.now();
  const values: (typeof device.$inferInsert)[] = [];
  let serial = 1;
  let n = 0;
  const health = () => {
    n++;
    if (n % 5 === 0) return { status: 'offline', lastSeenAt: new Date(now.getTime() - 2 * 3_600_000), offlineNotifiedAt: new Date(now.getTime() - 3_600_000) };
    if (n % 11 === 0) return { status: 'unknown', lastSeenAt: null, offlineNotifiedAt: null };
    return { status: 'online', lastSeenAt: now, offlineNotifiedAt: null };
  };
  const add = (
    kind: DeviceKind, protocol: DeviceProtocol, code: string, name: string, regionCode: string, gridId: string | null, point: [number, number] | null, parentId: string | null = null, vendor: string | null = null,
    view: View | null = null,
  ) => {
    const id = crypto.randomUUID();
    values.push({
      id, code, typeCode: /^\d{20}$/.test(code) ? code.slice(10, 13) : null, name, kind, protocol, parentId, regionCode, gridId, lng: point?.[0] ?? null, lat: point?.[1] ?? null,
      address: null, departmentId: null, vendor, model: null, silenceSeconds: DEFAULT_SILENCE_SECONDS[kind], ...health(), version: 1, createdAt: now, updatedAt: now,
      heading: view?.heading ?? null, fovDeg: view?.fovDeg ?? null, rangeM: view?.rangeM ?? null,
    });
    return id;
  };
  // Serial 100: the platform's own registrar is 0000001 (GRIDGOV_SIP_ID).
  add('video_platform', 'gb28181', national(countyCode, '200', 100), '区级视频共享平台', countyCode, null, null, null, '华为');
  const nvrs = new Map<string, string>();
  for (const [i, g] of grids.slice(0, maxGrids).entries()) {
    const [lng, lat] = interiorPoint(g.boundary.coordinates);
    // A little apart around the interior point, each kept inside the grid (else the interior point itself).
    const near = (k: number): [number, number] => {
      const p: [number, number] = [lng + ((k % 3) - 1) * 0.0004, lat + (Math.floor(k / 3) - 1) * 0.0003];
      return pointInPolygon(p[0], p[1], g.boundary.coordinates) ? p : [lng, lat];
    };
    if (!nvrs.has(g.regionCode)) nvrs.set(g.regionCode, add('nvr', 'gb28181', national(g.regionCode, '118', serial++), `社区录像机 ${g.regionCode.slice(9)}`, g.regionCode, g.id, near(4), null, '海康威视'));
    const nvr = nvrs.get(g.regionCode)!;
    // Cameras at crossings looking down a street; without a corner to stand at, inside with the same kind of view.
    const corners = (g.boundary.coordinates[0]?.length ?? 1) - 1;
    const watching = (k: number, fovDeg: number, rangeM: number, fallback: number, middle = false): [[number, number], View] => {
      const spot = streetView(g.boundary.coordinates, k, middle);
      return spot ? [spot.point, { heading: spot.heading, fovDeg, rangeM }] : [near(fallback), { heading: (k * 97) % 360, fovDeg, rangeM }];
    };
    const [main, mainView] = watching(0, 60 + (i % 3) * 10, 90 + (i % 4) * 10, 0);
    add('camera', 'gb28181', national(g.regionCode, '132', serial++), `${g.name} 主入口摄像机`, g.regionCode, g.id, main, nvr, '海康威视', mainView);
    const [parking, parkingView] = watching(Math.floor(corners / 2), 90, 60, 1);
    add('camera', 'gb28181', national(g.regionCode, '131', serial++), `${g.name} 停车场摄像机`, g.regionCode, g.id, parking, nvr, '大华', parkingView);
    add('access_gate', 'mqtt', `GATE-${g.code}`, `${g.name} 人脸门禁`, g.regionCode, g.id, near(2), null, '宇视');
    add('thermal_camera', 'gat1400', national(g.regionCode, '132', serial++), `${g.name} 测温摄像机`, g.regionCode, g.id, near(3), null, '海康威视', { heading: 180, fovDeg: 50, rangeM: 15 });
    const [lamp, lampView] = watching(Math.floor((3 * corners) / 4), 100, 40, 5, true);
    add('street_light', 'mqtt', `SL-${g.code}`, `${g.name} 智慧路灯`, g.regionCode, g.id, i % 2 === 0 ? lamp : near(5), null, '洲明', i % 2 === 0 ? lampView : null);
    add('smoke_sensor', 'mqtt', `SMK-${g.code}`, `${g.name} 烟感`, g.regionCode, g.id, near(6), null, '海曼');
    add('water_sensor', 'mqtt', `WTR-${g.code}`, `${g.name} 水浸传感器`, g.regionCode, g.id, near(7), null, '海曼');
    if (i % 3 === 0) {
      const [gate, gateView] = watching(Math.floor(corners / 4), 40, 120, 8);
      add('vehicle_checkpoint', 'gat1400', national(g.regionCode, '132', serial++), `${g.name} 车辆卡口`, g.regionCode, g.id, gate, null, '大华', gateView);
    }
  }
  const made = values.length ? await kit.db.insert(device).values(values).onConflictDoNothing().returning({ id: device.id, status: device.status }) : [];
  return { devices: made.length, offline: made.filter((v) => v.status === 'offline').length, ids: made.map((d) => d.id) };
}
