import type { AuditEntry, AuditVerifyResult } from '@gridgov/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api, type DownloadedFile } from './client';
import { auditKeys } from './keys';
import type { AuditListQuery, Page } from './types';

export const auditApi = {
  list: (query: AuditListQuery, signal?: AbortSignal) => api.get<Page<AuditEntry>>('/audit', { ...query }, signal),
  /** The filtered list (no paging) as CSV; the server audits the export. */
  export: (query: AuditListQuery): Promise<DownloadedFile> => {
    const { page: _page, pageSize: _pageSize, ...filters } = query;
    return api.download('/audit/export', { ...filters }, 'audit-log.csv');
  },
  verify: () => api.post<AuditVerifyResult>('/audit/verify', {}),
};

export const auditQueries = {
  list: (query: AuditListQuery) => queryOptions({ queryKey: auditKeys.list({ ...query }), queryFn: ({ signal }) => auditApi.list(query, signal) }),
};
