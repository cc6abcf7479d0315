/** The colours of a village's status, on the map and in its history. */
export const STATUS_COLORS = { met: '#16a34a', not_met: '#dc2626', none: '#cbd5e1' } as const;
