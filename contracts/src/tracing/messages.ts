import { defineMessages } from '../message-kit.js';

export const TRACING_MESSAGES = defineMessages({});
