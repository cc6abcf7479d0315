import type { AuditEntry } from '@gridgov/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import { auditKeys } from './keys';
import type { AuditListQuery, Page } from './types';

export const auditApi = {
  list: (query: AuditListQuery, signal?: AbortSignal) => api.get<Page<AuditEntry>>('/audit', { ...query }, signal),
};

export const auditQueries = {
  list: (query: AuditListQuery) => queryOptions({ queryKey: auditKeys.list({ ...query }), queryFn: ({ signal }) => auditApi.list(query, signal) }),
};
