/**
 * The purpose a reader stated for reading records of a sensitive kind (health declarations), for
 * this browser tab: sent with every read (the server audits it), asked again when the tab is new
 * or the reader changes it. One store per kind of record.
 */
export interface PurposeStore {
  current(): string;
  set(purpose: string): void;
}

export function purposeStore(kind: string): PurposeStore {
  const key = `gridgov.${kind}.purpose`;
  return {
    current() {
      try {
        return sessionStorage.getItem(key) ?? '';
      } catch {
        return '';
      }
    },
    set(purpose) {
      try {
        if (purpose) sessionStorage.setItem(key, purpose);
        else sessionStorage.removeItem(key);
      } catch {
        // A browser without storage asks again next time.
      }
    },
  };
}
