import type { AuditEntry } from '@gridgov/contracts';
import { api } from './client';
import type { AuditListQuery, Page } from './types';

export const auditApi = {
  list: (query: AuditListQuery, signal?: AbortSignal) => api.get<Page<AuditEntry>>('/audit', { ...query }, signal),
};
