/** "111.6921, 29.0312" or a dash. */
export function pointText(lon: number | null, lat: number | null): string {
  return lon === null || lat === null ? '—' : `${lon.toFixed(6)}, ${lat.toFixed(6)}`;
}
