/** Every message any domain sends, gathered: what notifications and SMS render from. */
import type { MessageSpec } from './message-kit.js';
import { DOMAINS } from './domains.js';
import { gather, type Gathered } from './gather.js';

export { defineMessages, fillTemplate, renderMessage, type MessageParams, type MessageSpec } from './message-kit.js';

export const MESSAGES = gather(DOMAINS, 'messages') as Gathered<typeof DOMAINS, 'messages'> & Record<string, MessageSpec>;

export type MessageKind = keyof Gathered<typeof DOMAINS, 'messages'> & string;
