/**
 * Text similarity for duplicate detection: Jaccard overlap of character bigrams (no segmentation
 * needed), and a MinHash signature of those bigrams that the database compares first. Each of
 * the signature's values is shared by two texts with a probability equal to their similarity, so
 * texts at the duplicate threshold (0.3) share at least one of 16 values but for 0.7^16 = 0.3%
 * of pairs (0.03% at 0.4): the candidates a report is ranked against are those sharing one.
 */

/** The bigrams of a text (spaces, punctuation, symbols and digits left out) as sorted, distinct UTF-16 code-unit pairs. */
export function bigramCodes(text: string): Uint32Array {
  const clean = text.replace(/[\s\p{P}\p{S}\d]/gu, '');
  const codes = new Uint32Array(Math.max(0, clean.length - 1));
  for (let i = 0; i < codes.length; i++) codes[i] = clean.charCodeAt(i) * 65536 + clean.charCodeAt(i + 1);
  codes.sort();
  let n = 0;
  for (let i = 0; i < codes.length; i++) if (i === 0 || codes[i] !== codes[n - 1]) codes[n++] = codes[i]!;
  return codes.subarray(0, n);
}

export function jaccard(x: Uint32Array, y: Uint32Array): number {
  if (x.length === 0 || y.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i] === y[j]) {
      shared++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return shared / (x.length + y.length - shared);
}

export const SIGNATURE_SIZE = 16;

/** MurmurHash3's finaliser: a cheap, well-mixed 32-bit hash. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The MinHash signature of a text's bigrams: for each of SIGNATURE_SIZE hash functions the
 * smallest hash of any bigram, as signed 32-bit integers (a PostgreSQL integer[]); empty
 * without bigrams. Stored with each ticket; never change the hashing without recomputing them.
 */
export function textSignature(codes: Uint32Array): number[] {
  if (codes.length === 0) return [];
  const base = Array.from(codes, mix);
  const signature: number[] = [];
  for (let k = 0; k < SIGNATURE_SIZE; k++) {
    const seed = Math.imul(k + 1, 0x9e3779b1);
    let min = 0xffffffff;
    for (const b of base) {
      const h = mix(b ^ seed);
      if (h < min) min = h;
    }
    signature.push(min | 0);
  }
  return signature;
}

/** A text's bigrams and their signature, taken once for both the database's filter and the ranking. */
export interface Fingerprint {
  codes: Uint32Array;
  signature: number[];
}

export function fingerprint(text: string): Fingerprint {
  const codes = bigramCodes(text);
  return { codes, signature: textSignature(codes) };
}

/** Distance in metres between two points (equirectangular: fine at city scale). */
export function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const x = (lon2 - lon1) * rad * Math.cos(((lat1 + lat2) / 2) * rad);
  const y = (lat2 - lat1) * rad;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}
