/**
 * "Which grid contains this point": a uniform bucket grid over the polygons' bounding boxes,
 * then a bounding-box check, then point-in-polygon on the few candidates of one bucket.
 */
import type { PolygonCoordinates } from './polygon.js';
import { bbox, pointInPolygon } from './polygon.js';

export interface IndexEntry<T> {
  item: T;
  coordinates: PolygonCoordinates;
}

/** Average number of polygons a bucket should hold. */
const POLYGONS_PER_BUCKET = 2;
const MAX_BUCKETS_PER_AXIS = 4096;

export class GridIndex<T extends { id: string }> {
  readonly size: number;
  private readonly entries: ReadonlyArray<IndexEntry<T>>;
  /** minLon, minLat, maxLon, maxLat of entry i at 4i .. 4i+3. */
  private readonly boxes: Float64Array;
  private readonly minLon: number;
  private readonly minLat: number;
  private readonly maxLon: number;
  private readonly maxLat: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly cellWidth: number;
  private readonly cellHeight: number;
  /** Bucket b lists entry indexes bucketItems[bucketStart[b] .. bucketStart[b + 1]). */
  private readonly bucketStart: Uint32Array;
  private readonly bucketItems: Uint32Array;

  constructor(entries: ReadonlyArray<IndexEntry<T>>) {
    this.entries = entries;
    this.size = entries.length;
    this.boxes = new Float64Array(entries.length * 4);
    let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
    entries.forEach((entry, i) => {
      const box = bbox(entry.coordinates);
      this.boxes.set(box, i * 4);
      [minLon, minLat] = [Math.min(minLon, box[0]), Math.min(minLat, box[1])];
      [maxLon, maxLat] = [Math.max(maxLon, box[2]), Math.max(maxLat, box[3])];
    });
    if (entries.length === 0) [minLon, minLat, maxLon, maxLat] = [0, 0, 0, 0];

    // Square-ish cells, about one per POLYGONS_PER_BUCKET polygons over the extent.
    const width = Math.max(maxLon - minLon, 1e-9);
    const height = Math.max(maxLat - minLat, 1e-9);
    const buckets = Math.max(1, entries.length / POLYGONS_PER_BUCKET);
    const cell = Math.sqrt((width * height) / buckets);
    this.cols = Math.min(MAX_BUCKETS_PER_AXIS, Math.max(1, Math.ceil(width / cell)));
    this.rows = Math.min(MAX_BUCKETS_PER_AXIS, Math.max(1, Math.ceil(height / cell)));
    this.cellWidth = width / this.cols;
    this.cellHeight = height / this.rows;
    this.minLon = minLon;
    this.minLat = minLat;
    this.maxLon = maxLon;
    this.maxLat = maxLat;

    // Two passes (count, then fill) into flat arrays, keeping entry order within a bucket.
    const counts = new Uint32Array(this.cols * this.rows + 1);
    this.forEachBucket((b) => counts[b + 1]!++);
    for (let b = 1; b < counts.length; b++) counts[b]! += counts[b - 1]!;
    this.bucketStart = counts.slice();
    this.bucketItems = new Uint32Array(counts[counts.length - 1]!);
    this.forEachBucket((b, i) => (this.bucketItems[counts[b]!++] = i));
  }

  private forEachBucket(visit: (bucket: number, entry: number) => void): void {
    for (let i = 0; i < this.size; i++) {
      const [c0, r0] = this.cellOf(this.boxes[i * 4]!, this.boxes[i * 4 + 1]!);
      const [c1, r1] = this.cellOf(this.boxes[i * 4 + 2]!, this.boxes[i * 4 + 3]!);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) visit(r * this.cols + c, i);
    }
  }

  private cellOf(lon: number, lat: number): [col: number, row: number] {
    const col = Math.floor((lon - this.minLon) / this.cellWidth);
    const row = Math.floor((lat - this.minLat) / this.cellHeight);
    return [Math.min(this.cols - 1, Math.max(0, col)), Math.min(this.rows - 1, Math.max(0, row))];
  }

  /**
   * The item whose polygon contains the point, or null. A point exactly on an edge shared
   * by two polygons always resolves to the same one.
   */
  lookup(lon: number, lat: number): T | null {
    if (!(lon >= this.minLon && lon <= this.maxLon && lat >= this.minLat && lat <= this.maxLat)) return null;
    const col = Math.min(this.cols - 1, Math.floor((lon - this.minLon) / this.cellWidth));
    const row = Math.min(this.rows - 1, Math.floor((lat - this.minLat) / this.cellHeight));
    const bucket = row * this.cols + col;
    const boxes = this.boxes;
    for (let k = this.bucketStart[bucket]!, end = this.bucketStart[bucket + 1]!; k < end; k++) {
      const i = this.bucketItems[k]!;
      const o = i * 4;
      if (lon < boxes[o]! || lat < boxes[o + 1]! || lon > boxes[o + 2]! || lat > boxes[o + 3]!) continue;
      const entry = this.entries[i]!;
      if (pointInPolygon(lon, lat, entry.coordinates)) return entry.item;
    }
    return null;
  }
}

/** The baseline the index is measured against: point-in-polygon on every entry in turn. */
export function linearScanLookup<T>(entries: ReadonlyArray<IndexEntry<T>>, lon: number, lat: number): T | null {
  for (const entry of entries) if (pointInPolygon(lon, lat, entry.coordinates)) return entry.item;
  return null;
}
