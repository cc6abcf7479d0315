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

/**
 * A batch of bulk messages in one request: `{ channel, batch: true, messages: [...] }`. A 2xx
 * answer takes them all, except the ids it lists as `rejected` (refused for good); a 4xx refuses
 * them all; anything else (5xx, 408, 429, a timeout) has them all tried again later.
 */
export async function postBatch(send: Send, url: string, channel: string, messages: readonly Record<string, unknown>[]): Promise<DeliveryResult[]> {
  const res = await send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel, batch: true, messages }), signal: AbortSignal.timeout(30_000) });
  if (res.ok) {
    const answer = (await res.json().catch(() => null)) as { rejected?: unknown } | null;
    const rejected = new Set(Array.isArray(answer?.rejected) ? answer.rejected.map(String) : []);
    return messages.map((m) => (rejected.has(String(m.id)) ? { status: 'failed', error: 'rejected by the gateway' } : { status: 'sent' }));
  }
  const refused = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
  return messages.map(() => (refused ? { status: 'failed', error: `HTTP ${res.status}` } : { status: 'retry', error: `HTTP ${res.status}` }));
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
    async deliverBatch(ms) {
      if (!url) return ms.map(() => ({ status: 'disabled' }));
      const out: DeliveryResult[] = ms.map((m) => (m.targetCipher ? { status: 'sent' } : { status: 'failed', error: 'no phone' }));
      const sendable = ms.filter((m) => m.targetCipher);
      const answered = sendable.length
        ? await postBatch(send, url, 'sms', sendable.map((m) => ({ id: m.id, to: vault.decrypt('phone', m.targetCipher!), text: renderMessage(MESSAGES, 'sms.signature', { text: text(m) }, m.locale) })))
        : [];
      let k = 0;
      ms.forEach((m, i) => {
        if (m.targetCipher) out[i] = answered[k++]!;
      });
      return out;
    },
  };
}

/**
 * WeChat-style webhook to a recipient such as `department:<id>`. Bulk messages to people (a
 * broadcast) carry the phone as ciphertext: decrypted at sending, the gateway finds the person's
 * WeChat account by it (公众号/企业微信 binding).
 */
export function wechatChannel(url: string | null, send: Send = fetch, vault: PiiVault | null = null): OutboxChannel {
  return {
    name: 'wechat',
    async deliver(m) {
      if (!url) return { status: 'disabled' };
      return post(send, url, { id: m.id, channel: 'wechat', to: m.recipient, kind: m.kind, text: text(m), subject: m.subjectType ? { type: m.subjectType, id: m.subjectId } : undefined, params: m.params });
    },
    async deliverBatch(ms) {
      if (!url) return ms.map(() => ({ status: 'disabled' }));
      const to = (m: ClaimedMessage) => (m.targetCipher && vault ? { phone: vault.decrypt('phone', m.targetCipher) } : { to: m.recipient });
      return postBatch(send, url, 'wechat', ms.map((m) => ({ id: m.id, ...to(m), text: text(m), subject: m.subjectType ? { type: m.subjectType, id: m.subjectId } : undefined })));
    },
  };
}
