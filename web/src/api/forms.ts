/** Form definitions (forms as data): versions, drafts, publishing, and trying answers. */
import type { FormAttachment, FormSummary, FormVersion, ValidateAnswersResponse } from '@gridgov/contracts';
import { api } from './client';

const version = (key: string, v: number) => `/forms/${encodeURIComponent(key)}/versions/${v}`;

export const formsApi = {
  list: () => api.get<{ items: FormSummary[] }>('/forms').then((r) => r.items),
  get: (key: string, v: number) => api.get<FormVersion>(version(key, v)),
  current: (key: string) => api.get<FormVersion>(`/forms/${encodeURIComponent(key)}/current`),
  createDraft: (definition: unknown) => api.post<FormVersion>('/forms', { definition }),
  saveDraft: (key: string, v: number, definition: unknown, revision: number) => api.patch<FormVersion>(version(key, v), { definition, revision }),
  deleteDraft: (key: string, v: number, revision: number) => api.delete<void>(`${version(key, v)}?revision=${revision}`),
  publish: (key: string, v: number, revision: number) => api.post<FormVersion>(`${version(key, v)}/publish`, { revision }),
  retire: (key: string, v: number) => api.post<FormVersion>(`${version(key, v)}/retire`),
  validate: (key: string, v: number, answers: Record<string, unknown>) => api.post<ValidateAnswersResponse>(`${version(key, v)}/validate`, { answers }),
  /** A photo or a signature: POST /api/attachments (multipart, field "file"). */
  upload: (file: File) => api.upload<Required<FormAttachment>>('/attachments', file),
};
