/**
 * The purpose the reader stated for reading key-person archives, for this browser tab: sent with
 * every read (the server audits it). Asked again when the tab is new or the reader changes it.
 */
import { purposeStore } from '../../shared/purpose/purpose';

export const keyPersonPurpose = purposeStore('keypersons');

export function currentPurpose(): string {
  return keyPersonPurpose.current();
}
