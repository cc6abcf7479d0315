import { useCallback, useState } from 'react';
import type { MessageKey } from '../../i18n/i18n';

export interface Point {
  lon: number;
  lat: number;
}

/** Six decimals (about 0.1 m) are all a point needs. */
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * "Use my location" for a grid worker's phone: asks the browser for the device's position once.
 * `error` is the message key of why it could not (no support, permission refused, no fix).
 */
export function useMyLocation(): { locating: boolean; error: MessageKey | null; locate: (onPoint: (point: Point) => void) => void } {
  const [locating, setLocating] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const locate = useCallback((onPoint: (point: Point) => void) => {
    setError(null);
    if (!('geolocation' in navigator)) {
      setError('portal.map.locateUnsupported');
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        onPoint({ lon: round(position.coords.longitude), lat: round(position.coords.latitude) });
      },
      (failure) => {
        setLocating(false);
        setError(failure.code === failure.PERMISSION_DENIED ? 'portal.map.locateDenied' : 'portal.map.locateFailed');
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }, []);
  return { locating, error, locate };
}
