/**
 * The speech engine and the telephony provider of one kit. The shipped ones are espeak-ng and the
 * local simulator; a deployment with a cloud voice service or a real provider sets its own with
 * `useCalloutServices` before the runtime starts calling (the webhook then brings its events).
 */
import { kitService, type Kit } from '../../platform/kit/kit.js';
import { EspeakSynthesizer, type SpeechSynthesizer } from './speech.js';
import { SimulatorProvider, type TelephonyProvider } from './telephony.js';

interface Services {
  speech: SpeechSynthesizer;
  telephony: TelephonyProvider;
}

const services = kitService<Services>((kit) => ({ speech: new EspeakSynthesizer(), telephony: new SimulatorProvider(kit) }));

export const speechOf = (kit: Kit): SpeechSynthesizer => services(kit).speech;
export const telephonyOf = (kit: Kit): TelephonyProvider => services(kit).telephony;

export function useCalloutServices(kit: Kit, replace: Partial<Services>): void {
  Object.assign(services(kit), replace);
}
