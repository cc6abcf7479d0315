/** Imports into and exports of the registers (contracts/src/transfers.ts). */
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ARRIVAL_IMPORT_KIND, CHECKIN_IMPORT_KIND, ExportJob, ExportStatus, ImportGridRule, ImportJob, ImportPreview, ImportStatus, RegisterKind, createExportRequest, exportList, exportListQuery } from '@gridgov/contracts';
import { api, type DownloadedFile } from './client';
import { transferKeys } from './keys';
import type { Page } from './types';

export type ImportMapping = Record<string, string>;
/** What may be imported: a register, or a kind another module offers (arrivals, check-ins). */
export type ImportKindName = RegisterKind | typeof ARRIVAL_IMPORT_KIND | typeof CHECKIN_IMPORT_KIND;
export type CreateExportRequest = z.input<typeof createExportRequest>;
export type ExportView = z.output<typeof exportListQuery>['view'];

function importPath(id: string, rest = ''): string {
  return `/imports/${encodeURIComponent(id)}${rest}`;
}

function exportPath(id: string, rest = ''): string {
  return `/exports/${encodeURIComponent(id)}${rest}`;
}

export const importsApi = {
  upload: (register: ImportKindName, file: File) => api.upload<ImportJob>('/imports', file, { register }),
  preview: (id: string, mapping: ImportMapping, grid: ImportGridRule) => api.post<ImportPreview>(importPath(id, '/preview'), { mapping, grid }),
  start: (id: string, mapping: ImportMapping, grid: ImportGridRule) => api.post<ImportJob>(importPath(id, '/start'), { mapping, grid }),
  get: (id: string, signal?: AbortSignal) => api.get<ImportJob>(importPath(id), undefined, signal),
  /** My imports, newest first (`uploaded`: the uploads not started yet). */
  list: (page: number, pageSize: number, signal?: AbortSignal, status?: ImportStatus) => api.get<Page<ImportJob>>('/imports', { page, pageSize, status }, signal),
  /** Deletes an upload that was not started. */
  discard: (id: string) => api.delete<unknown>(importPath(id)),
  errorReport: (id: string): Promise<DownloadedFile> => api.download(importPath(id, '/errors'), undefined, `import-errors-${id}.xlsx`),
  template: (register: ImportKindName): Promise<DownloadedFile> => api.download('/imports/template', { register }, `${register}-template.xlsx`),
};

export type ExportList = z.output<typeof exportList>;

export const exportsApi = {
  create: (body: CreateExportRequest) => api.post<ExportJob>('/exports', body),
  list: (view: ExportView, status: ExportStatus | undefined, signal?: AbortSignal) => api.get<ExportList>('/exports', { view, status }, signal),
  approve: (id: string, note?: string) => api.post<ExportJob>(exportPath(id, '/approve'), note ? { note } : {}),
  reject: (id: string, note?: string) => api.post<ExportJob>(exportPath(id, '/reject'), note ? { note } : {}),
  file: (job: ExportJob): Promise<DownloadedFile> => api.download(exportPath(job.id, '/file'), undefined, `${job.register}-${job.id}.${job.format}`),
};

export const exportQueries = {
  list: (view: ExportView, status: ExportStatus | undefined) =>
    queryOptions({ queryKey: transferKeys.exports(view, status ?? null), queryFn: ({ signal }) => exportsApi.list(view, status, signal) }),
};

/** Hands a downloaded file to the browser as a download. */
export function saveFile({ blob, fileName }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
