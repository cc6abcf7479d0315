/** Every message any domain sends, gathered: what notifications and SMS render from. */
import type { MessageSpec } from './message-kit.js';
import { TICKET_MESSAGES } from './tickets/messages.js';

export { defineMessages, fillTemplate, renderMessage, type MessageParams, type MessageSpec } from './message-kit.js';
export { TICKET_MESSAGES };

export const MESSAGES = {
  ...TICKET_MESSAGES,
} as const satisfies Record<string, MessageSpec>;

export type MessageKind = keyof typeof MESSAGES;
