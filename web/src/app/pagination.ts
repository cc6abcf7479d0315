/** The pagination of a server-paged antd table: current page, size, total, and a size changer. */
import type { TablePaginationConfig } from 'antd';
import type { Translate } from '../i18n/i18n';

export interface PageState {
  page: number;
  pageSize: number;
}

export function serverPagination(
  list: { page: number; pageSize: number; total: number } | null | undefined,
  fallback: PageState,
  onChange: (page: number, pageSize: number) => void,
  t: Translate,
): TablePaginationConfig {
  return {
    current: list?.page ?? fallback.page,
    pageSize: list?.pageSize ?? fallback.pageSize,
    total: list?.total ?? 0,
    showSizeChanger: true,
    showTotal: (total) => t('common.total', { n: total }),
    onChange,
  };
}
