/**
 * How a form stores its photos and signatures: by default each file is uploaded at once to
 * POST /api/attachments (multipart, field "file") and the answer is `{id, name, contentType,
 * size}`. A preview may keep files on the page instead.
 */
import type { FormAttachment } from '@gridgov/contracts';
import { buildUrl } from '../../api/client';
import { formsApi } from '../../api/forms';

export interface AttachmentHandling {
  upload(file: File): Promise<FormAttachment>;
  /** Where the browser shows an attachment. */
  url(ref: FormAttachment): string;
}

export const uploadedAttachments: AttachmentHandling = {
  upload: (file) => formsApi.upload(file),
  url: (ref) => buildUrl(`/attachments/${encodeURIComponent(ref.id)}`),
};

/** A random UUID; `crypto.randomUUID` exists only on HTTPS or localhost, `getRandomValues` everywhere. */
function randomId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** For previews: files stay in the page as object URLs under made-up ids; nothing is sent. */
export function localAttachments(): AttachmentHandling {
  const urls = new Map<string, string>();
  return {
    upload: async (file) => {
      const id = randomId();
      urls.set(id, URL.createObjectURL(file));
      return { id, name: file.name, contentType: file.type, size: file.size };
    },
    url: (ref) => urls.get(ref.id) ?? '',
  };
}
