/** The map settings; `fromServer` false when they could not be read (anonymous visitors may not). */
import { useEffect, useState } from 'react';
import { portalApi } from '../api/portal';
import type { MapConfig } from '../api/types';

const FALLBACK: MapConfig = { tileUrl: null, center: [104.1, 35.9], zoom: 3.5 };

export interface PortalMapConfig {
  config: MapConfig;
  fromServer: boolean;
}

export function usePortalMapConfig(): PortalMapConfig | null {
  const [answer, setAnswer] = useState<PortalMapConfig | null>(null);
  useEffect(() => {
    let cancelled = false;
    portalApi
      .mapConfig()
      .then((config) => !cancelled && setAnswer({ config, fromServer: true }))
      .catch(() => !cancelled && setAnswer({ config: FALLBACK, fromServer: false }));
    return () => {
      cancelled = true;
    };
  }, []);
  return answer;
}
