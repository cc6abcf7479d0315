import { defineMessages } from '../message-kit.js';

/** No notification or SMS texts yet: workers find their tasks on the phone's list (live). */
export const CAMPAIGN_MESSAGES = defineMessages({});
