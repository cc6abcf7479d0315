import { defineMessages } from '../message-kit.js';

export const DECLARATION_MESSAGES = defineMessages({});
