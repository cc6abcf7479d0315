/** A category's name in the reader's language (categories are data, read once per page). */
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../i18n/i18n';
import { keypersonKeys, keypersonsApi } from './keypersons-api';

export function useCategories() {
  return useQuery({ queryKey: keypersonKeys.categories, queryFn: ({ signal }) => keypersonsApi.categories(signal), staleTime: 5 * 60_000 });
}

export function CategoryName({ code }: { code: string }) {
  const { locale } = useI18n();
  const { data } = useCategories();
  const found = data?.find((c) => c.code === code);
  return <>{found ? (locale === 'en' ? found.name.en : found.name.zh) : code}</>;
}
