import { defineMessages } from '../message-kit.js';

export const HEALTHCODE_MESSAGES = defineMessages({});
