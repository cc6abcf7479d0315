/**
 * The demo county's devices: a county video platform, an NVR per community, and in each of the
 * first grids two cameras under their NVR, an access gate, a thermal camera, a smart street light,
 * a smoke and a water sensor (a vehicle checkpoint in every third grid), each at a point inside
 * its grid. Most are online (seen just now), every fifth is offline (silent for two hours, its
 * outage already told), a few have never been seen.
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
  const add = (kind: DeviceKind, protocol: DeviceProtocol, code: string, name: string, regionCode: string, gridId: string | null, point: [number, number] | null, parentId: string | null = null, vendor: string | null = null) => {
    const id = crypto.randomUUID();
    values.push({
      id, code, typeCode: /^\d{20}$/.test(code) ? code.slice(10, 13) : null, name, kind, protocol, parentId, regionCode, gridId, lng: point?.[0] ?? null, lat: point?.[1] ?? null,
      address: null, departmentId: null, vendor, model: null, silenceSeconds: DEFAULT_SILENCE_SECONDS[kind], ...health(), version: 1, createdAt: now, updatedAt: now,
    });
    return id;
  };
  add('video_platform', 'gb28181', national(countyCode, '200', serial++), '区级视频共享平台', countyCode, null, null, null, '华为');
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
    add('camera', 'gb28181', national(g.regionCode, '132', serial++), `${g.name} 主入口摄像机`, g.regionCode, g.id, near(0), nvr, '海康威视');
    add('camera', 'gb28181', national(g.regionCode, '131', serial++), `${g.name} 停车场摄像机`, g.regionCode, g.id, near(1), nvr, '大华');
    add('access_gate', 'mqtt', `GATE-${g.code}`, `${g.name} 人脸门禁`, g.regionCode, g.id, near(2), null, '宇视');
    add('thermal_camera', 'gat1400', national(g.regionCode, '132', serial++), `${g.name} 测温摄像机`, g.regionCode, g.id, near(3), null, '海康威视');
    add('street_light', 'mqtt', `SL-${g.code}`, `${g.name} 智慧路灯`, g.regionCode, g.id, near(5), null, '洲明');
    add('smoke_sensor', 'mqtt', `SMK-${g.code}`, `${g.name} 烟感`, g.regionCode, g.id, near(6), null, '海曼');
    add('water_sensor', 'mqtt', `WTR-${g.code}`, `${g.name} 水浸传感器`, g.regionCode, g.id, near(7), null, '海曼');
    if (i % 3 === 0) add('vehicle_checkpoint', 'gat1400', national(g.regionCode, '132', serial++), `${g.name} 车辆卡口`, g.regionCode, g.id, near(8), null, '大华');
  }
  const made = values.length ? await kit.db.insert(device).values(values).onConflictDoNothing().returning({ id: device.id, status: device.status }) : [];
  return { devices: made.length, offline: made.filter((v) => v.status === 'offline').length, ids: made.map((d) => d.id) };
}
