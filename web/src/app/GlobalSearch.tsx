/**
 * The header's search: ticket numbers and words, people (by name, or an exact ID number, which
 * the server counts against the unmask budget), places. What it finds is what the caller's lists
 * would show; choosing a hit opens it on its page.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AutoComplete, Input, Typography } from 'antd';
import { useState, type CSSProperties, type ReactNode } from 'react';
import type { GlobalSearchResult, Permission } from '@gridgov/contracts';
import { navigationQueries } from '../api/navigation';
import { ticketLink } from '../features/tickets/shared/use-open-ticket';
import { useI18n, type Translate } from '../i18n/i18n';
import { useDebounced } from '../shared/hooks/use-debounced';
import { recordPath } from '../shared/links/record-links';
import { holds } from '../shared/permissions';
import { navigate } from './router';
import { useMe } from './session';

/** Who has something to search: ticket staff, register readers (as the server's route says). */
export const SEARCH_NEEDS: readonly Permission[] = ['ticket:read', 'ticket:handle', 'register:read'];
const MIN_LENGTH = 2;

interface Hit {
  value: string;
  label: ReactNode;
  path: string;
}

function hitLabel(title: string, detail: string, testId: string): ReactNode {
  return (
    <div data-testid={testId} style={{ whiteSpace: 'normal' }}>
      <Typography.Text strong>{title}</Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {detail}
      </Typography.Text>
    </div>
  );
}

/** The result's groups as options, each hit with the page that opens it. */
export function searchGroups(result: GlobalSearchResult, permissions: readonly string[], t: Translate): { label: string; options: Hit[] }[] {
  const groups: { label: string; options: Hit[] }[] = [];
  const dot = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ');
  if (result.tickets?.length) {
    groups.push({
      label: t('search.tickets'),
      options: result.tickets.map((hit) => ({
        value: `ticket:${hit.id}`,
        path: ticketLink(hit.id, permissions),
        label: hitLabel(`${hit.number} ${hit.categoryName}`, dot(hit.description.slice(0, 40), hit.gridName), `search-ticket-${hit.number}`),
      })),
    });
  }
  if (result.people?.length) {
    groups.push({
      label: result.peopleBy === 'idNumber' ? `${t('search.people')}（${t('search.byIdNumber')}）` : t('search.people'),
      options: result.people.map((hit) => ({
        value: `resident:${hit.id}`,
        path: recordPath('resident', hit.id),
        label: hitLabel(hit.name, dot(hit.idNumberMasked, hit.gridName), `search-person-${hit.id}`),
      })),
    });
  }
  if (result.places?.length) {
    groups.push({
      label: t('search.places'),
      options: result.places.map((hit) => ({
        value: `${hit.kind}:${hit.id}`,
        path: recordPath(hit.kind, hit.id),
        label: hitLabel(hit.name, dot(t(hit.kind === 'building' ? 'search.kind.building' : 'search.kind.venue'), hit.address, hit.gridName), `search-place-${hit.id}`),
      })),
    });
  }
  return groups;
}

export function GlobalSearch({ style }: { style?: CSSProperties }) {
  const { t } = useI18n();
  const me = useMe();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 400);
  const enabled = q.length >= MIN_LENGTH && holds(SEARCH_NEEDS, me.permissions);
  const found = useQuery({ ...navigationQueries.search(q), enabled, placeholderData: keepPreviousData });
  if (!holds(SEARCH_NEEDS, me.permissions)) return null;
  const groups = enabled && found.data ? searchGroups(found.data, me.permissions, t) : [];
  const paths = new Map(groups.flatMap((g) => g.options.map((o) => [o.value, o.path] as const)));
  let notFound: ReactNode = null;
  if (text.trim().length > 0 && text.trim().length < MIN_LENGTH) notFound = t('search.tooShort');
  else if (enabled && !found.isFetching && groups.length === 0) notFound = t('search.none');

  return (
    <AutoComplete
      value={text}
      options={groups}
      onChange={(next: string) => setText(next)}
      onSelect={(value: string) => {
        const path = paths.get(value);
        setText('');
        if (path) navigate(path);
      }}
      notFoundContent={notFound}
      style={style}
      data-testid="global-search"
    >
      <Input.Search allowClear placeholder={t('search.placeholder')} loading={found.isFetching} aria-label={t('search.open')} data-testid="global-search-input" />
    </AutoComplete>
  );
}
