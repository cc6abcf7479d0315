/** Text similarity for duplicate detection: Jaccard overlap of character bigrams (no segmentation needed). */

function bigrams(text: string): Set<string> {
  const clean = text.replace(/[\s\p{P}\p{S}\d]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i < clean.length - 1; i++) out.add(clean.slice(i, i + 2));
  return out;
}

export function textSimilarity(a: string, b: string): number {
  return similarityTo(a)(b);
}

/** Similarity of many texts to one: its bigrams are taken once (duplicate checks compare a report with up to 200 candidates). */
export function similarityTo(a: string): (b: string) => number {
  const x = bigrams(a);
  return (b) => {
    const y = bigrams(b);
    if (x.size === 0 || y.size === 0) return 0;
    let shared = 0;
    for (const g of y) if (x.has(g)) shared++;
    return shared / (x.size + y.size - shared);
  };
}

/** Distance in metres between two points (equirectangular: fine at city scale). */
export function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const x = (lon2 - lon1) * rad * Math.cos(((lat1 + lat2) / 2) * rad);
  const y = (lat2 - lat1) * rad;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}
