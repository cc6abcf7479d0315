/**
 * The outbox channels the platform itself provides: SMS to a phone and WeChat-style webhooks to
 * a department, each POSTed as JSON to a configured URL (a gateway of the deployment's SMS or
 * WeChat provider). Modules register more (device commands, partner webhooks).
 */
import { MESSAGES, renderMessage } from '@gridgov/contracts';
import type { PiiVault } from '../pii/vault.js';
import type { ClaimedMessage, DeliveryResult, OutboxChannel } from './outbox.js';

export type Send = (url: string, init: RequestInit) => Promise<Response>;

function text(m: ClaimedMessage): string {
  return m.kind ? renderMessage(MESSAGES, m.kind, m.params, m.locale) : String(m.params.text ?? '');
}

async function post(send: Send, url: string, body: unknown): Promise<DeliveryResult> {
  const res = await send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  if (res.ok) return { status: 'sent' };
  // The gateway refused the message itself: sending it again will not help.
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) return { status: 'failed', error: `HTTP ${res.status}` };
  return { status: 'retry', error: `HTTP ${res.status}` };
}

/** SMS: the phone is decrypted only here, at the moment of sending. */
export function smsChannel(vault: PiiVault, url: string | null, send: Send = fetch): OutboxChannel {
  return {
    name: 'sms',
    async deliver(m) {
      if (!url) return { status: 'disabled' };
      if (!m.targetCipher) return { status: 'failed', error: 'no phone' };
      const to = vault.decrypt('phone', m.targetCipher);
      return post(send, url, { id: m.id, channel: 'sms', to, text: renderMessage(MESSAGES, 'sms.signature', { text: text(m) }, m.locale) });
    },
  };
}

/** WeChat-style webhook to a recipient such as `department:<id>`. */
export function wechatChannel(url: string | null, send: Send = fetch): OutboxChannel {
  return {
    name: 'wechat',
    async deliver(m) {
      if (!url) return { status: 'disabled' };
      return post(send, url, { id: m.id, channel: 'wechat', to: m.recipient, kind: m.kind, text: text(m), subject: m.subjectType ? { type: m.subjectType, id: m.subjectId } : undefined, params: m.params });
    },
  };
}
