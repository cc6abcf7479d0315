import { defineMessages } from '../message-kit.js';

export const CHECKIN_MESSAGES = defineMessages({});
