import { defineMessages } from '../message-kit.js';

export const ARRIVAL_MESSAGES = defineMessages({});
