import type { navigationZhCN } from './navigation.zh-CN';

/** English messages of the console frame: the phone menu, the global search, the menu's to-do counts. */
export const navigationEn: Record<keyof typeof navigationZhCN, string> = {
  'nav.openMenu': 'Menu',
  'nav.todo': '{n} to do',
  'users.gridNone': 'No grid in your scope matches',
  'search.placeholder': 'Search ticket numbers, people, places',
  'search.open': 'Search',
  'search.tickets': 'Tickets',
  'search.people': 'People',
  'search.places': 'Places',
  'search.none': 'Nothing matches',
  'search.tooShort': 'Type at least 2 characters',
  'search.byIdNumber': 'Exact ID-number lookup (counts towards your full-data views)',
  'search.kind.building': 'Building',
  'notice.urgent': 'Urgent',
  'notice.due': 'Due {time}',
  'search.kind.venue': 'Venue',
};
